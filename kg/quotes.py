"""Quotes of an article: where they open and close, the speech tags that attribute them, their speakers.

``kg.coref`` uses them: a first-person pronoun inside a quote is its speaker, a third-person one never is.
"""

from __future__ import annotations

from dataclasses import replace

from kg.document import ParsedDoc
from kg.lexicon import Lexicon, normalize_name
from kg.types import PERSON, EventMention, Extraction, Mention, Participant, QuoteMention

__all__ = ["article_quotes", "attributed", "is_subject", "quote_spans", "quote_speakers", "quoted_words", "speech_tags"]

OPEN_QUOTES, CLOSE_QUOTES, QUOTES = {"“"}, {"”"}, {'"', "''"}
QUOTE_SENTENCES = 6  # a quote left open longer than this is a stray mark


def is_subject(m: Mention, extraction: Extraction) -> bool:
    """Whether a mention's phrase is the subject of its clause."""
    sentence = next(s for s in extraction.doc.sentences if s.index == m.sentence)
    span = range(m.extent_start + 1, m.end + 1)
    return any(w.deprel.startswith("nsubj") and w.head not in span for w in sentence.words[m.extent_start : m.end])


def quote_spans(doc: ParsedDoc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(opening, closing) positions (sentence, word id) of the quotes of an article, in order.

    A quote runs from an opening mark to the next closing one, across sentences; one left open
    for more than a few sentences is dropped.
    """
    spans = []
    opened: tuple[int, int] | None = None
    for sent in doc.sentences:
        for w in sent.words:
            if opened is not None and sent.index - opened[0] > QUOTE_SENTENCES:
                opened = None
            opens = w.text in OPEN_QUOTES or (w.text in QUOTES and opened is None)
            if opens and opened is None:
                opened = (sent.index, w.id)
            elif opened is not None and (w.text in CLOSE_QUOTES or w.text in QUOTES):
                spans.append((opened, (sent.index, w.id)))
                opened = None
    return spans


def quoted_words(doc: ParsedDoc) -> set[tuple[int, int]]:
    """(sentence, word id) of every word inside quote marks."""
    inside = set()
    for (s0, w0), (s1, w1) in quote_spans(doc):
        for sent in doc.sentences[s0 : s1 + 1]:
            for w in sent.words:
                if (s0, w0) < (sent.index, w.id) < (s1, w1):
                    inside.add((sent.index, w.id))
    return inside


def speech_tags(events: tuple[EventMention, ...] | list[EventMention], lex: Lexicon) -> list[EventMention]:
    """The statements with a named speaker that a quote can be attributed to."""
    return [
        ev
        for ev in events
        if lex.is_speech(ev.event_type) and ev.agent is not None and ev.agent.mention is not None and ev.according_to is None
    ]


def _attribution(tags: list[EventMention], start: tuple[int, int], end: tuple[int, int]) -> tuple[EventMention, str] | None:
    """The speech tag a quote from ``start`` to ``end`` is attributed to, among ``tags`` (``speech_tags``),
    with how: the tag right after the closing mark (", kata X": "tag-after"), else the one that opens the
    quote ("X mengatakan, ": "tag-before").
    """
    after = [t for t in tags if t.sentence == end[0] and t.trigger_word > end[1]]
    before = [t for t in tags if t.sentence == start[0] and t.trigger_word < start[1]]
    first_after = min(after, key=lambda t: t.trigger_word, default=None)
    last_before = max(before, key=lambda t: t.trigger_word, default=None)
    if first_after is not None:
        return first_after, "tag-after"
    if last_before is not None:
        return last_before, "tag-before"
    return None


def attributed(tags: list[EventMention], start: tuple[int, int], end: tuple[int, int]) -> Mention | None:
    """The named speaker a quote from ``start`` to ``end`` is attributed to (see ``_attribution``)."""
    found = _attribution(tags, start, end)
    return found[0].agent.mention if found is not None else None  # type: ignore[union-attr]


_CONTINUED_WITHIN = 2  # sentences between a quote and the untagged quote that goes on from it


def article_quotes(
    events: list[EventMention],
    extraction: Extraction,
    lex: Lexicon,
    quoted: set[tuple[int, int]],
    disabled: frozenset[str] = frozenset(),
) -> tuple[QuoteMention, ...]:
    """The article's direct quotes with a named speaker.

    A quote is the speaker's of its speech tag (``_attribution``: "tag-after", "tag-before"). A quote with
    no tag of its own that opens its sentence is, failing that:
    - "continued": the speaker's of an attributed quote at most two sentences before it, with no other
      speech tag outside quotes in between (a quote over several paragraphs keeps its speaker);
    - "paragraph-subject": the one person who is the subject of the sentence before it in the same
      paragraph ('Ryamizard akan membahas ... . "Ada hal-hal sensitif ..."').
    """
    doc = extraction.doc
    tags = speech_tags(events, lex)
    said = [ev for ev in events if lex.is_speech(ev.event_type)]  # also the tags of unnamed speakers ("kata seorang sumber")
    cues = sorted({(t.sentence, t.trigger_word) for t in said if (t.sentence, t.trigger_word) not in quoted})
    out: list[QuoteMention] = []
    previous: QuoteMention | None = None  # the quote right before, if attributed
    for start, end in quote_spans(doc):
        found = _attribution(tags, start, end)
        own_tag = found is not None or _attribution(said, start, end) is not None
        current: QuoteMention | None = None
        if found is not None:
            tag, rule = found
            current = QuoteMention(start, end, tag.agent, (tag.sentence, tag.trigger_word), rule)  # type: ignore[arg-type]
        elif not own_tag and start[1] == 1:
            if (
                previous is not None
                and 0 < start[0] - previous.closing[0] <= _CONTINUED_WITHIN
                and not any(previous.closing < cue < start and cue != previous.cue for cue in cues)
            ):
                current = QuoteMention(start, end, previous.speaker, None, "continued")
            else:
                subject = _paragraph_subject(extraction, start[0], quoted)
                if subject is not None:
                    current = QuoteMention(
                        start, end, Participant(subject, subject.text, subject.start + 1), None, "paragraph-subject"
                    )
        if current is not None and f"quote-{current.rule}" in disabled:
            current = None
        previous = current
        if current is not None:
            out.append(current)
    return tuple(out)


def _paragraph_subject(extraction: Extraction, sentence: int, quoted: set[tuple[int, int]]) -> Mention | None:
    """The one person subject, outside quotes, of the sentence before ``sentence`` in the same paragraph."""
    doc = extraction.doc
    if sentence == 0:
        return None
    before, here = doc.sentences[sentence - 1], doc.sentences[sentence]
    if "\n" in doc.article.text[before.end_char : here.start_char]:
        return None  # another paragraph
    subjects = {
        normalize_name(m.text): m
        for m in extraction.mentions
        if m.sentence == before.index
        and m.kind == PERSON
        and (before.index, m.start + 1) not in quoted
        and is_subject(m, extraction)
    }
    return next(iter(subjects.values())) if len(subjects) == 1 else None


def quote_speakers(events: list[EventMention], doc: ParsedDoc, lex: Lexicon) -> list[EventMention]:
    """Resolve first-person participants inside a quote to the speaker the quote is attributed to."""
    spans = quote_spans(doc)
    tags = speech_tags(events, lex)

    def speaker_of(sentence: int, part: Participant | None) -> Participant | None:
        if part is None or part.mention is not None or normalize_name(part.text) not in lex.speaker_pronouns:
            return None
        for start, end in spans:
            if start < (sentence, part.word) < end:
                here = (sentence, part.word)
                if any(lex.is_speech(ev.event_type) and start < (ev.sentence, ev.trigger_word) < here for ev in events):
                    return None  # speech inside the quote ("mereka bilang, kami ..."): someone else's words
                found = attributed(tags, start, end)
                return None if found is None else Participant(found, part.text, part.word)
        return None

    out = []
    for ev in events:
        agent, target = speaker_of(ev.sentence, ev.agent), speaker_of(ev.sentence, ev.target)
        if agent is not None or target is not None:
            new_agent, new_target = agent or ev.agent, target or ev.target
            if not (new_agent is not None and new_target is not None and new_agent.mention is new_target.mention):
                ev = replace(ev, agent=new_agent, target=new_target, rule=ev.rule + "+speaker")
        out.append(ev)
    return out
