"""Coreference within an article: pronouns and role nouns that stand for a named person.

Resolves the unresolved participants of events, conservatively; what stays unresolved
keeps its words (``kg:unresolvedAgent`` / ``kg:unresolvedTarget``) and never becomes an actor.

- A singular pronoun (dia, ia, beliau, dirinya, and -nya where it is an argument) is the most
  salient person before it: the latest person that is a subject (named, or a pronoun already
  resolved) in its sentence or the two before, else the latest person that is a subject in the
  five sentences before, else the latest person named. The speaker of
  a speech tag ("tambahnya", "katanya", "Ia menambahkan") is the latest person quoted before it.
- A third-person pronoun inside a quote never stands for the person the quote is attributed to
  ('"... polisi kesulitan untuk menangkapnya," ujar Denny': not Denny); it stays unresolved.
- A first-person pronoun inside a quote ("Saya bicara dengan ...", "kami") is the person the quote
  is attributed to: the speaker of the speech tag after the closing quote mark, or before the opening one.
- A role noun ("Kepala Bidang Politik Hamas", "Pemimpin Hamas", "Menteri Iran", "presiden
  AS itu") is the person the article has already given that title (and organisation or
  country); a bare generic noun ("pejabat Iran") only when exactly one person holds a
  role of that organisation or country.

- A bare word for a government ("pemerintah") is the country named as a government before it, else a country
  named earlier in its sentence, else the article's nearest mention of the country the language's news is
  written from (``[organizations] home_country``); in an article that names no country at all, that country
  itself, added to the article's mentions (spanning the word "pemerintah").

``kg.chains.coreference_chains`` gives every chain of an article (names, pronouns, role nouns); it is
what ``kg evaluate-coref`` scores on CoIN (``kg.coref_eval``).
"""

from __future__ import annotations

import functools
from dataclasses import replace

from kg.document import Sentence, Word
from kg.lexicon import Lexicon, get_lexicon, normalize_name
from kg.quotes import (
    QUOTE_SENTENCES,
    article_quotes,
    attributed,
    is_subject,
    quote_spans,
    quote_speakers,
    quoted_words,
    speech_tags,
)
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, EventMention, Extraction, Mention, Participant

__all__ = ["Resolver", "resolve_references", "role_phrase_end", "title_length"]

_SUBJECT_SENTENCES = 5  # how far back a subject stays salient for a pronoun with no subject nearby
# "-nya" is a pronoun where it is an argument: a possessor, an object, a subject or an agent
_NYA_ARGUMENT = ("nmod", "det:poss", "obj", "iobj", "nsubj", "obl")


def _role_index(mentions: tuple[Mention, ...], lex: Lexicon) -> list[tuple[Mention, str, str | None]]:
    """(person, normalised title, normalised name or country code of what the role is of)."""
    out = []
    for m in mentions:
        if m.kind != PERSON:
            continue
        for role in m.roles:
            of_key = None
            if role.of is not None:
                of_key = role.of.country_code or normalize_name(role.of.text)
            elif role.of_text:
                of_key = normalize_name(role.of_text)
            out.append((m, _without_rank(normalize_name(role.title), lex), of_key))
    return out


def _without_rank(title: str, lex: Lexicon) -> str:
    """A title without the rank written after it ("kapolri jenderal" is the Kapolri's title, ``[titles] ranks``)."""
    words = title.split()
    for n in (2, 1):
        if len(words) > n and tuple(words[-n:]) in lex.ranks:
            return " ".join(words[:-n])
    return title


def _named_before(mention: Mention, sentence: int, word: int) -> bool:
    """Whether ``mention`` ends before the 1-based ``word`` of ``sentence``."""
    return mention.sentence < sentence or (mention.sentence == sentence and mention.end <= word - 1)


def _phrase_key(text: str, lex: Lexicon) -> tuple[str, str | None]:
    """Split a role-noun phrase into (title words, what it is of)."""
    words = [w for w in normalize_name(text).split() if w not in lex.demonstratives]
    for cut in range(len(words), 0, -1):
        title = " ".join(words[:cut])
        if tuple(words[:cut]) in lex.titles or (cut == 1 and words[0] in lex.generic_titles):
            rest = " ".join(w for w in text.split()[cut:] if normalize_name(w) not in lex.demonstratives)
            code = lex.country_code(rest) if rest else None
            of_key = code or (normalize_name(rest) or None)
            return normalize_name(lex.full_title(title)), of_key  # "menlu" is the "menteri luar negeri" of the roles
    return "", None


class Resolver:
    """What an article offers for resolving a pronoun, a role noun or a speaker: its subjects, quotes and roles."""

    def __init__(self, extraction: Extraction, lex: Lexicon, disabled: frozenset[str] = frozenset()) -> None:
        self.ex = extraction
        self.lex = lex
        self.disabled = disabled
        self.roles = _role_index(extraction.mentions, lex)
        self.implied: dict[tuple[int, int, int], Mention] = {}  # actors no name stands for: a home government

    def _before(self, sentence: int, word: int) -> list[Mention]:
        """Person mentions before (sentence, word), latest first."""
        persons = [m for m in self.ex.mentions if m.kind == PERSON and _named_before(m, sentence, word)]
        return sorted(persons, key=lambda m: (m.sentence, m.start), reverse=True)

    @functools.cached_property
    def _pronouns(self) -> dict[tuple[int, int], Mention]:
        """Every singular pronoun of the article, resolved in text order: (sentence, 1-based word) -> person.

        The most salient person is the latest subject (a named person, a role noun standing for one,
        or a pronoun already resolved) in the sentence so far or the two before; failing that, the
        latest subject of the five sentences before; failing that, the latest person named.
        """
        subjects = list(self._subjects)
        out: dict[tuple[int, int], Mention] = {}
        for sentence in self.ex.doc.sentences:
            for word in sentence.words:
                if word.lower not in self.lex.person_pronouns or word.upos not in ("PRON", "DET", "NOUN", "PROPN"):
                    continue
                if word.lower in self.lex.clitic_pronouns and not word.deprel.startswith(_NYA_ARGUMENT):
                    continue  # "biasanya", "adanya": an adverb or a nominaliser, not a pronoun
                here = (sentence.index, word.id)
                ahead = self._cataphoric_owner(sentence, word)
                if ahead is not None:
                    out[here] = ahead
                    continue
                recent = [
                    (s, w, m)
                    for s, w, m in subjects
                    if sentence.index - 2 <= s < sentence.index or (s == sentence.index and w < word.id)
                ]
                # failing a subject nearby, an earlier one: the person the passage is about is
                # more salient than one named in passing ("rekomendasi Kofi Annan")
                earlier = [(s, w, m) for s, w, m in subjects if sentence.index - _SUBJECT_SENTENCES <= s < sentence.index]
                if recent or earlier:
                    found = max(recent or earlier, key=lambda t: (t[0], t[1]))[2]
                else:
                    before = self._before(sentence.index, word.id)
                    if not before:
                        continue
                    found = before[0]
                if any(_surname(found) == _surname(speaker) for speaker in self._quoted_by(here)):
                    continue  # '"... polisi kesulitan untuk menangkapnya," ujar Denny': not Denny himself
                out[here] = found
                if word.deprel.startswith("nsubj"):
                    subjects.append((sentence.index, word.id, found))
        return out

    def _cataphoric_owner(self, sentence: Sentence, word: Word) -> Mention | None:
        """The subject named after a fronted phrase that "-nya" owns: "Dalam pernyataannya, Komite Nobel
        mengatakan ..." is the committee's statement (an organisation too, not only a person)."""
        if word.lower not in self.lex.clitic_pronouns or word.deprel not in ("nmod:poss", "det:poss", "nmod") or not word.head:
            return None
        owned = sentence.word(word.head)
        if not owned.deprel.startswith("obl") or not owned.head:
            return None
        for subject in sentence.words:
            if subject.head == owned.head and subject.deprel.startswith("nsubj") and subject.id > owned.id:
                for m in self.ex.mentions:
                    if m.sentence == sentence.index and m.extent_start < subject.id <= m.end and m.kind != PLACE:
                        return m
        return None

    @functools.cached_property
    def _quotes(self) -> list[tuple[tuple[int, int], tuple[int, int], Mention]]:
        """(opening, closing, speaker) of each quote of the article attributed to a named speaker."""
        out = []
        tags = speech_tags(self.ex.events, self.lex)
        for start, end in quote_spans(self.ex.doc):
            speaker = attributed(tags, start, end)
            if speaker is not None:
                out.append((start, end, speaker))
        return out

    def _quoted_by(self, here: tuple[int, int]) -> list[Mention]:
        """The speakers of the quotes that (sentence, 1-based word) is inside of."""
        return [speaker for start, end, speaker in self._quotes if start < here < end]

    def _indirect_speaker(self, after: tuple[int, int], sentence: int) -> Mention | None:
        """The latest person after ``after`` and before ``sentence`` who is, outside quotes, the subject of a
        verb that triggers a verbal event type (``Lexicon.is_verbal``: saying, asking, praising ...)."""
        for s, w, m in reversed(self._subjects):
            if not after < (s, w) or s >= sentence or (s, w) in self.quoted:
                continue
            words = self.ex.doc.sentences[s].words
            span = range(m.extent_start + 1, m.end + 1)
            verbs = [
                words[v.head - 1]
                for v in words[m.extent_start : m.end]
                if v.deprel.startswith("nsubj") and v.head and v.head not in span
            ]
            if any(
                self.lex.is_verbal(t.event_type) for v in verbs for t in self.lex.triggers_starting(v.lower) if len(t.words) == 1
            ):
                return m
        return None

    @functools.cached_property
    def quoted(self) -> set[tuple[int, int]]:
        """(sentence, 1-based word) of every word inside quote marks (``quoted_words``), computed once."""
        return quoted_words(self.ex.doc)

    @functools.cached_property
    def _subjects(self) -> tuple[tuple[int, int, Mention], ...]:
        """(sentence, 1-based word, person) of each person named, or standing behind a role noun, as a subject."""
        named = [(m.sentence, m.start + 1, m) for m in self.ex.mentions if m.kind == PERSON and is_subject(m, self.ex)]
        return tuple(sorted(named + self._role_noun_subjects(), key=lambda t: (t[0], t[1])))

    def _role_noun_subjects(self) -> list[tuple[int, int, Mention]]:
        """(sentence, 1-based word, person) of each role noun that is a subject and stands for a named person.

        "Kepala Bidang Politik Hamas juga menyampaikan ..." makes Hamas's political chief the person a
        following "Dia" refers to, as the name would.
        """
        named = {(m.sentence, k) for m in self.ex.mentions for k in range(m.extent_start, m.end)}
        out = []
        for sentence in self.ex.doc.sentences:
            words = sentence.words
            for i, word in enumerate(words):
                length = 0 if (sentence.index, i) in named else title_length(words, i, self.lex)
                if not length:
                    continue
                end = role_phrase_end(words, i, length)
                span = range(i + 1, end + 1)
                if not any(w.deprel.startswith("nsubj") and w.head not in span for w in words[i:end]):
                    continue
                found = self.role_noun(sentence.index, word.id, sentence.span_text(i, end))
                if found is not None:
                    out.append((sentence.index, word.id, found))
        return out

    def group(self, sentence: int, word: int, text: str) -> list[Mention]:
        """The persons a plural pronoun ("mereka", ``[pronouns] group``) at (sentence, 1-based word) stands for.

        The latest persons named together (conjoined: "Trump dan Abe") as the ones who act (subject,
        or agent of a passive: "Kegiatan yang dilakukan Trump dan Abe") in its sentence before it or
        the two sentences before; nobody when there are none. Persons thanked, met ... together are
        not taken: "BAN berterima kasih kepada X dan Y. Mereka ..." stays unresolved.
        """
        if normalize_name(text) not in self.lex.group_pronouns:
            return []
        groups = [g for g in self._groups if sentence - 2 <= g[0][0] < sentence or (g[0][0] == sentence and g[0][1] < word)]
        return list(max(groups, key=lambda g: g[0])[1]) if groups else []

    @functools.cached_property
    def _groups(self) -> list[tuple[tuple[int, int], tuple[Mention, ...]]]:
        """((sentence, 1-based word of the last member), members) of each group of conjoined persons."""
        out = []
        for sent in self.ex.doc.sentences:
            persons = [m for m in self.ex.mentions if m.sentence == sent.index and m.kind == PERSON]
            head_of = {}
            for m in persons:
                span = range(m.start + 1, m.end + 1)
                head = next((w for w in sent.words[m.start : m.end] if w.head not in span), None)
                if head is not None:
                    head_of[head.id] = m
            members: dict[int, list[Mention]] = {}
            for wid, m in head_of.items():
                w = sent.word(wid)
                first = wid
                while w.head in head_of and (w.deprel.startswith("conj") or self._comitative(w, sent)):
                    # "Trump dan Abe", and a partner "bersama"/"beserta" the other ("Nadir bersama Budi")
                    first, w = w.head, sent.word(w.head)
                members.setdefault(first, []).append(m)
            for first, group in members.items():
                if len({normalize_name(m.text) for m in group}) >= 2 and _acts(sent.word(first), sent, self.lex):
                    ordered = tuple(sorted(group, key=lambda m: m.start))
                    out.append(((sent.index, ordered[-1].end), ordered))
        return out

    def _comitative(self, word: Word, sent: Sentence) -> bool:
        """Whether ``word`` is joined to the word it hangs on by a comitative preposition (``[groups] comitative``)."""
        return any(c in self.lex.comitative for c in _cases(word, sent))

    def pronoun(self, sentence: int, word: int, text: str) -> Mention | None:
        """The person a singular pronoun at (sentence, 1-based word) stands for (see ``_pronouns``)."""
        if normalize_name(text) not in self.lex.person_pronouns:
            return None
        return self._pronouns.get((sentence, word))

    def speaker(self, sentence: int, part: Participant, events: list[EventMention]) -> Mention | None:
        """The latest person quoted before a speech tag's pronoun ("tambahnya"), within a few sentences.

        A free pronoun ("Dia mengatakan") follows the subjects instead when another person has been
        the subject since: in "Kepala Bidang Politik Hamas juga menyampaikan ... Dia melanjutkan
        dengan mengatakan" "Dia" is Hamas's chief, not the last person quoted. A clitic speech tag
        after a quote ("tambahnya", "katanya") stays with the person quoted.
        """
        if normalize_name(part.text) not in self.lex.person_pronouns:
            return None
        for ev in reversed(events):
            if ev.sentence < sentence - QUOTE_SENTENCES:
                break
            if ev.sentence == sentence and ev.trigger_word >= part.word:
                continue
            said = ev.agent.mention if self.lex.is_speech(ev.event_type) and ev.agent is not None else None
            # '... ," ucap seorang juru bicara Kementerian Luar Negeri AS. Ia juga mengatakan': the
            # spokesperson again, credited as before to the ministry (the title phrase's owner)
            unnamed_speaker = ev.agent is not None and ev.agent.title_phrase is not None
            if said is not None and (said.kind == PERSON or unnamed_speaker):
                if normalize_name(part.text) in self.lex.clitic_pronouns:
                    # "Habiburokhman meminta polisi ... . "...," ujarnya": a person who has spoken since, in
                    # indirect speech, is the speaker of the tag, not the last one quoted
                    return self._indirect_speaker((ev.sentence, ev.trigger_word), sentence) or said
                others = [
                    m
                    for s, w, m in self._subjects
                    if (ev.sentence, ev.trigger_word) < (s, w) < (sentence, part.word)
                    and _surname(m) != _surname(said)
                    and self._main_clause_subject(s, w)
                ]
                return None if others else said
        return None

    def _main_clause_subject(self, sentence: int, word: int) -> bool:
        """Whether the subject phrase starting at (sentence, 1-based word) is the subject of its sentence's main
        clause (the root, or a clause conjoined to it). A person who is the subject only of a clause inside what
        was said ("Menurut dia, ... karena Ahok sulit diserang") does not take over from the speaker."""
        words = self._sentence_words[sentence]
        subject = next((w for w in words[word - 1 : word + 7] if w.deprel.startswith("nsubj")), None)
        if subject is None or subject.head == 0:
            return True
        clause = words[subject.head - 1]
        while clause.deprel == "conj" and clause.head:
            clause = words[clause.head - 1]
        return clause.head == 0

    @functools.cached_property
    def _sentence_words(self) -> dict[int, tuple[Word, ...]]:
        return {sent.index: sent.words for sent in self.ex.doc.sentences}

    def role_noun(self, sentence: int, word: int, text: str, ahead: bool = False) -> Mention | None:
        """The person a role noun ("Pemimpin Hamas", "presiden AS itu") at (sentence, 1-based word) stands for.

        The holder is looked for among the persons named before it; with ``ahead``, failing those,
        among all the article's persons, if exactly one holds the title ("Menteri Iran mengatakan ..."
        in a lead, the minister named in the next sentences).
        """
        title, of_key = _phrase_key(text, self.lex)
        if not title:
            return None
        found = self._role_holder(title, of_key, {m.key for m in self._before(sentence, word + 50)})
        if found is None and ahead and of_key is not None:
            found = self._role_holder(title, of_key, {m.key for m in self.ex.mentions if m.kind == PERSON}, unique=True)
        return found

    def _role_holder(
        self, title: str, of_key: str | None, earlier: set[tuple[int, int, int]], unique: bool = False
    ) -> Mention | None:
        """The person among ``earlier`` (mention keys) who holds ``title`` (of ``of_key``), or None."""
        exact = [m for m, t, o in self.roles if t == title and (of_key is None or o == of_key) and m.key in earlier]
        if not exact:
            head = title.split()[0]
            exact = [
                m for m, t, o in self.roles if t.split()[0] == head and of_key is not None and o == of_key and m.key in earlier
            ]
        if not exact and of_key is not None and title.split()[0] in self.lex.generic_titles:
            holders = {m.text for m, _t, o in self.roles if o == of_key}
            if len(holders) == 1:
                exact = [m for m, _t, o in self.roles if o == of_key]
        if not exact:
            return None
        names = {_surname(m, self.lex) for m in exact}
        if len(names) > 1:
            return max(exact, key=lambda m: (m.sentence, m.start)) if of_key and not unique else None
        return max(exact, key=lambda m: (m.sentence, m.start))

    def resolve(
        self, sentence: int, part: Participant | None, events: list[EventMention], speech_tag: bool = False
    ) -> tuple[Participant | None, str | None]:
        if part is not None and part.mention is not None and part.title_phrase is not None:
            how = "role-noun"
            holder = self.role_noun(sentence, part.word, part.title_phrase, ahead=True)
            if holder is None:
                holder, how = self.pointed_at(sentence, part.word, part.title_phrase), "demonstrative"
            if holder is None and normalize_name(part.title_phrase).split()[-1] in self.lex.demonstratives:
                # "Politisi Partai Gerindra itu" with nobody to point at: a person, never the party
                return Participant(None, part.title_phrase, part.word), None
            if holder is None or how in self.disabled:
                return part, None
            return Participant(holder, part.title_phrase, part.word), how
        if part is None or part.mention is not None:
            return part, None
        found = self.speaker(sentence, part, events) if speech_tag else None
        if found is None:
            found = self.pronoun(sentence, part.word, part.text)
        how = "pronoun"
        if found is None:
            found, how = self.role_noun(sentence, part.word, part.text), "role-noun"
        if found is None:
            found, how = self.pointed_at(sentence, part.word, part.text), "demonstrative"
        if found is None:
            found, how = self.institution(sentence, part.word, part.text), "institution"
        if found is None:
            found, how = self.government(sentence, part.word, part.text), "government"
        if found is None:
            found, how = self.side(sentence, part.word), "side"
        if found is None or how in self.disabled:
            return part, None
        return Participant(found, part.text, part.word), how

    def side(self, sentence: int, word: int) -> Mention | None:
        """The side a clitic pronoun owns ("pihaknya", ``[groups] sides``) at (sentence, 1-based word): the organisation
        or country the pronoun's person holds a role of, named before it ("juru bicara KPK Febri Diansyah ... pihaknya
        segera memberikan keterangan": KPK), else that person; None when the pronoun stands for nobody."""
        words = self._sentence_words[sentence]
        head = words[word - 1]
        if head.lower not in self.lex.sides or "pronoun" in self.disabled:
            return None  # the side is its pronoun's: without the pronoun rule, nobody's
        clitic = next(
            (w for w in words if w.head == word and w.lower in self.lex.clitic_pronouns and w.deprel.startswith(_NYA_ARGUMENT)),
            None,
        )
        person = self.pronoun(sentence, clitic.id, clitic.text) if clitic is not None else None
        if person is None:
            return None
        held = [
            role.of
            for m in self.ex.mentions
            if m.kind == PERSON and _surname(m) == _surname(person) and _named_before(m, sentence, word)
            for role in m.roles
            if role.of is not None and role.of.kind in (ORGANIZATION, COUNTRY)
        ]
        return held[-1] if held else person

    def institution(self, sentence: int, word: int, text: str) -> Mention | None:
        """The organisation a common noun for an institution stands for ("polisi", "majelis hakim"): the nearest
        one named before it whose name holds one of the words ``[organizations.generic]`` lists for the noun,
        else the only such organisation of the article; None without one."""
        words = normalize_name(text).split()
        names = self.lex.generic_organizations.get(words[0]) if words else None  # not "mantan polisi", "istri polisi"
        if names is None:
            return None
        named = [m for m in self.ex.mentions if m.kind == ORGANIZATION and names & set(normalize_name(m.text).split())]
        before = [m for m in named if _named_before(m, sentence, word)]
        if before:
            return max(before, key=lambda m: (m.sentence, m.start))
        distinct = {normalize_name(m.text) for m in named}
        return named[0] if len(distinct) == 1 else None

    def government(self, sentence: int, word: int, text: str) -> Mention | None:
        """The country a bare word for a government stands for ("pemerintah menolak ..."): the latest country named
        as a government before it ("Pemerintah Myanmar"), else the latest country named earlier in its sentence
        ("menuju Bangladesh, tapi pemerintah menolak"), else the article's nearest mention of the country its
        language's news is written from (``[organizations] home_country``); in an article that names no country at
        all, that country, as a mention of the word itself; None otherwise."""
        words = [w for w in normalize_name(text).split() if w not in self.lex.demonstratives]
        if len(words) != 1 or words[0] not in self.lex.governments:
            return None
        countries = [m for m in self.ex.mentions if m.kind == COUNTRY and _named_before(m, sentence, word)]
        governed = [m for m in countries if self._governed(m)]
        here = [m for m in countries if m.sentence == sentence]
        for found in (governed, here):
            if found:
                return max(found, key=lambda m: (m.sentence, m.start))
        home = [m for m in self.ex.mentions if m.kind == COUNTRY and m.country_code == self.lex.home_country]
        if home:
            return min(home, key=lambda m: (abs(m.sentence - sentence), m.sentence > sentence))
        code = self.lex.home_country
        if code is None or any(m.kind == COUNTRY for m in self.ex.mentions):
            return None  # an article about other countries: whose government is meant is not said
        # a domestic article that never names its country: the government is the home country's
        key = (sentence, word - 1, word)
        if key not in self.implied:
            name = self.lex.country_names.get(code, code)
            self.implied[key] = Mention(sentence, word - 1, word, name, COUNTRY, word - 1, code)
        return self.implied[key]

    def _governed(self, country: Mention) -> bool:
        """Whether a country is named as a government: "Pemerintah Indonesia", "pemerintahan Myanmar"."""
        if country.start == 0:
            return False
        return self.ex.doc.sentences[country.sentence].words[country.start - 1].lower in self.lex.governments

    def pointed_at(self, sentence: int, word: int, text: str) -> Mention | None:
        """The person a role noun with a demonstrative stands for when no holder of the title is named:
        "Politisi Gerindra ini", "Mantan Kapolda itu" point back at the latest person subject of the
        sentence so far or the two before."""
        words = normalize_name(text).split()
        office = " ".join(text.split()[1:]) if words and words[0] in self.lex.title_prefixes else text  # "Mantan ..."
        if len(words) < 2 or words[-1] not in self.lex.demonstratives or not _phrase_key(office, self.lex)[0]:
            return None
        recent = [(s, w, m) for s, w, m in self._subjects if sentence - 2 <= s < sentence or (s == sentence and w < word)]
        return max(recent, key=lambda t: (t[0], t[1]))[2] if recent else None


def resolve_references(
    extraction: Extraction, lexicon: Lexicon | None = None, disabled: frozenset[str] = frozenset()
) -> Extraction:
    """Resolve pronoun and role-noun participants of ``extraction``'s events where the text supports it, and
    attribute its quotes; without the rules named in ``disabled``."""
    lex = lexicon or get_lexicon()
    resolver = Resolver(extraction, lex, disabled)
    done: list[EventMention] = []
    quoted = resolver.quoted
    for ev in extraction.events if "group" in disabled else _group_members(extraction.events, resolver):
        tag = lex.is_speech(ev.event_type) and (ev.sentence, ev.trigger_word) not in quoted
        outside = [d for d in done if (d.sentence, d.trigger_word) not in quoted]
        agent, how_a = resolver.resolve(ev.sentence, ev.agent, outside, tag)
        target, how_t = resolver.resolve(ev.sentence, ev.target, done)
        source, how_s = resolver.resolve(ev.sentence, ev.according_to, done)
        same = agent is not None and target is not None and agent.mention is not None and target.mention is not None
        if same and agent.mention.key == target.mention.key:  # type: ignore[union-attr]  # "X bertemu dengan dia"
            target, how_t = ev.target, None
        hows = sorted({h for h in (how_a, how_t, how_s) if h})
        if hows or (agent, target, source) != (ev.agent, ev.target, ev.according_to):
            ev = replace(ev, agent=agent, target=target, according_to=source, rule=ev.rule + "".join(f"+{h}" for h in hows))
        done.append(ev)
    events = done if "speaker" in disabled else quote_speakers(done, extraction.doc, lex)
    if resolver.implied:
        extraction = replace(extraction, mentions=extraction.mentions + tuple(resolver.implied.values()))
    return replace(extraction, events=tuple(events), quotes=article_quotes(events, extraction, lex, quoted, disabled))


def _surname(m: Mention, lex: Lexicon | None = None) -> str:
    """The last word of a person's name, normalised: what tells two persons apart in one article. With ``lex``, of
    the name aliases.toml gives the person ("Jokowi" is Joko Widodo's)."""
    name = normalize_name(m.text)
    if lex is not None and name in lex.aliases:
        name = normalize_name(lex.aliases[name][0])
    return name.split()[-1]


def _acts(word: Word, sentence: Sentence, lex: Lexicon) -> bool:
    """Whether a nominal is who acts in its clause: a subject, or the agent of a passive ("dilakukan Trump", "oleh X")."""
    if word.deprel.startswith("nsubj") and not word.deprel.startswith("nsubj:pass"):
        return True
    if word.deprel == "obl:agent":
        return True
    if not word.head or not word.deprel.startswith(("obj", "obl")):
        return False
    governor = sentence.word(word.head)
    cases = _cases(word, sentence)
    return governor.upos == "VERB" and lex.is_passive_form(governor.lower) and all(c in lex.passive_agent_markers for c in cases)


def _cases(word: Word, sentence: Sentence) -> list[str]:
    """The prepositions (lowercase) that mark ``word`` in its sentence."""
    return [c.lower for c in sentence.words if c.head == word.id and c.deprel == "case"]


def _group_members(events: tuple[EventMention, ...], resolver: Resolver) -> list[EventMention]:
    """Events of a plural pronoun ("mereka") as one event of each person it stands for (``Resolver.group``)."""
    out = []
    for ev in events:
        agents = _members(ev.sentence, ev.agent, resolver)
        targets = _members(ev.sentence, ev.target, resolver)
        if len(agents) == 1 and len(targets) == 1:
            out.append(ev)
            continue
        for agent in agents:
            for target in targets:
                if agent is not None and target is not None and agent.mention is target.mention:
                    continue
                out.append(replace(ev, agent=agent, target=target, rule=ev.rule + "+group"))
    return out


def _members(sentence: int, part: Participant | None, resolver: Resolver) -> list[Participant | None]:
    if part is None or part.mention is not None:
        return [part]
    found = resolver.group(sentence, part.word, part.text)
    return [Participant(m, part.text, part.word) for m in found] or [part]


# ============================================================================ chains


def role_phrase_end(words: tuple[Word, ...], start: int, title_len: int) -> int:
    """End of a role-noun phrase: the title and the words after it that hang on it ("AS", "itu", "senior Iran")."""
    end = start + title_len
    ids = set(range(start + 1, end + 1))
    while end < len(words):
        w = words[end]
        if (
            w.head in ids
            and w.deprel.split(":")[0] in ("nmod", "flat", "compound", "amod", "det", "nummod")
            and w.upos != "PUNCT"
        ):
            ids.add(w.id)
            end += 1
            continue
        break
    return end


def title_length(words: tuple[Word, ...], i: int, lex: Lexicon) -> int:
    """Length of the role title (or generic role noun) starting at word ``i``; 0 if none or a form of address."""
    if words[i].lower.rstrip(".") not in lex.title_first_words:
        return 1 if words[i].lower in lex.generic_titles else 0
    for length in range(min(lex.max_title_len, len(words) - i), 0, -1):
        title = tuple(w.lower.rstrip(".") for w in words[i : i + length])
        if title in lex.titles:
            return 0 if " ".join(title) in lex.honorifics else length
    return 1 if words[i].lower in lex.generic_titles else 0
