"""Arabic spelling rules every stage shares: character sets, clitics, normalization, tokenization."""
