"""Turn command-line inputs into decoded texts: the first stage of every run.

An input is a folder (with an INDEX.md listing its articles, or without one:
its *.txt files and any TREC-style SGML archives below it), a single file, an
SGML archive (.sgml, .sgml.gz, or any file starting with <DOC>), or `-` for
stdin. Everything is lazy and streaming: `iter_sources` yields one `Source`
per article as soon as it is read, archives are decompressed chunk by chunk,
and a bad input (or a bad document of an archive) becomes an `IngestError`
in the stream instead of stopping the run. Input files are only ever opened
for reading.

The modules, from the inputs down to the bytes:
  walk      the entry points (iter_sources, list_inputs, read_listed); folders, INDEX.md entries, globs
  index     what lists the articles: INDEX.md parsing, path lists piped in
  reader    one file or stdin into its articles: plain, gzipped or an SGML archive
  sgml      TREC-style archives: cutting <DOC>s from a stream, their fields and metadata
  streams   bounded reads, gunzip chunk by chunk, stdin on a descriptor of its own
  decoding  bytes to text: BOMs, UTF-8/16/32, cp1256 and other code pages, binary refused
  messages  the wording of IngestError reasons
"""

from __future__ import annotations

from newsan.errors import IngestError
from newsan.ingest.decoding import decode_bytes
from newsan.ingest.index import IndexEntry, parse_index, read_path_list
from newsan.ingest.streams import detached
from newsan.ingest.walk import DEFAULT_MAX_BYTES, InputFile, iter_sources, list_inputs, read_listed

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IndexEntry",
    "IngestError",
    "InputFile",
    "decode_bytes",
    "detached",
    "iter_sources",
    "list_inputs",
    "parse_index",
    "read_listed",
    "read_path_list",
]
