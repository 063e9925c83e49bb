"""What every backend reads through newsan.ner.registry.tag_documents."""

from newsan.ner.registry import tag_documents


class _Recorder:
    """Tags the words of a listed name B-/I- and records the sentences it was given."""

    name = "recorder"

    def __init__(self, names: dict[tuple[str, ...], str]):
        self.names, self.read = names, []

    def tag(self, sentences):
        self.read += sentences
        out = []
        for sentence in sentences:
            tags = ["O"] * len(sentence)
            for name, entity_type in self.names.items():
                for i in range(len(sentence) - len(name) + 1):
                    if tuple(sentence[i:i + len(name)]) == name:
                        tags[i:i + len(name)] = ["B-" + entity_type] + ["I-" + entity_type] * (len(name) - 1)
            out.append(tags)
        return out


def test_a_hashtag_is_read_as_its_words_and_its_signs_take_the_tags_of_the_name():
    tagger = _Recorder({("منظمة", "التجارة", "العالمية"): "ORG", ("دونالد", "ترمب"): "PER"})
    sentence = ["إلى", "#", "منظمة", "_", "التجارة", "_", "العالمية", "قال", "دونالد", "#", "ترمب"]
    (tags,) = tag_documents(tagger, [[sentence]])
    assert tagger.read == [["إلى", "منظمة", "التجارة", "العالمية", "قال", "دونالد", "ترمب"]]
    assert tags == [[
        "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-PER", "I-PER", "I-PER"]]


def test_a_sign_between_two_names_or_outside_any_is_outside_every_name():
    tagger = _Recorder({("مصر",): "LOC", ("تونس",): "LOC"})
    (tags,) = tag_documents(tagger, [[["مصر", "_", "تونس", "#", "اليوم"], ["_"]]])
    assert tags == [["B-LOC", "O", "B-LOC", "O", "O"], ["O"]]
