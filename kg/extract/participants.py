"""Participants: the actor a word stands for, its conjuncts, partners and listed members."""

from __future__ import annotations

from collections import deque

from kg.document import Word
from kg.extract.view import Component, TriggerMatch
from kg.extract.words import (
    KIND_PREFERENCE,
    NOMINAL_LINKS,
    PAIR_DASHES,
    PUNCT_BREAK,
    SUBJECTS,
    is_preposition,
    unique_participants,
)
from kg.lexicon import normalize_name
from kg.types import COUNTRY, ORGANIZATION, PERSON, PLACE, Mention, Participant


class Participants(Component):
    """Which actors the words of a sentence stand for."""

    def conjuncts(self, word: Word) -> list[Word]:
        """The word and the words conjoined to it; in a list, a group noun after a comma too.

        "dengan Sekjen PBB, Kofi Annan, otoritas Myanmar, ... dan lain-lain": the parser often makes
        a list item that starts with a group noun ("otoritas", ``[groups] nouns``) an apposition of
        the first; in a list (a word with conjuncts) it is one more item, not another name for it.
        """
        out = [word]
        kids = self.view.kids(word.id)
        listed = any(c.deprel.startswith("conj") for c in kids) or word.deprel.startswith("conj")
        kind = m.kind if (m := self.by_word.get(word.id)) is not None and m.kind != PLACE else None
        for child in kids:
            # "Arab Saudi, Mesir, Uni Emirat Arab dan Bahrain", "Partai Demokrat, PPP dan PBB": an actor parsed as
            # apposition of the one before, of its kind
            same_kind = kind is not None and (c := self.by_word.get(child.id)) is not None and c.kind == kind
            item = (
                listed
                and child.deprel == "appos"
                and (child.lower in self.lex.group_nouns or same_kind)
                and self.view.after_comma(child)
            )
            if child.deprel.startswith("conj") and self.across_a_preposition(word, child):
                continue
            if child.deprel.startswith("conj") or item:
                out.extend(self.conjuncts(child))
        out.extend(self.stray_conjuncts(word))
        out.extend(self.pair_partner(word))
        if len(out) > 1 and self.view.is_title_word(word):
            out = [word, *(w for w in out[1:] if not self.inside_title(word, w))]
        if out == [word] and self.view.is_title_word(word):
            named = self.titled_names(word)
            if named:
                return named
        return sorted(out, key=lambda w: w.id)

    def inside_title(self, title: Word, conjunct: Word) -> bool:
        """Whether a conjunct of a title word is part of the title: it names no person, and the person the title
        names comes after it ("Direktur Perlindungan WNI dan Badan Hukum Indonesia Kementerian Luar Negeri Iqbal
        Lalu Muhammad": the directorate's name, not a second speaker)."""
        own = self.view.subtree(conjunct.id)
        if any(self.person_named_at(k) for k in own):
            return False
        end = max(own)
        return any(k > end and self.person_named_at(k) for k in self.view.subtree(title.id))

    def person_named_at(self, k: int) -> Mention | None:
        """The person whose name (not the title before it) holds word ``k``."""
        m = self.by_word.get(k)
        return m if m is not None and m.kind == PERSON and m.start < k <= m.end else None

    def across_a_preposition(self, word: Word, conjunct: Word) -> bool:
        """Whether a prepositional phrase of another word stands between ``word`` and its ``conjunct``:
        "kunjungan Menlu AS Rex Tillerson ke Korsel, China, dan Jepang" with Jepang conjoined to the
        minister is one more place visited, not one more visitor."""
        inside = set(self.view.subtree(word.id))
        return any(is_preposition(w := self.sent.word(k)) and w.head not in inside for k in range(word.id + 1, conjunct.id))

    def pair_partner(self, word: Word) -> list[Word]:
        """The second person of a pair written with a dash ("pasangan Edy Rahmayadi - Musa Rajekshah"), which the
        parser hangs inside the first one's name: a conjunct of the first."""
        first = self.by_word.get(word.id)
        if first is None or first.kind != PERSON or first.end + 1 >= len(self.words):
            return []
        if self.words[first.end].upos != "PUNCT" or self.words[first.end].text not in PAIR_DASHES:
            return []
        second = self.by_word.get(first.end + 2)
        if second is None or second.kind != PERSON or second.extent_start != first.end + 1:
            return []
        return [self.words[second.start]]

    def stray_conjuncts(self, word: Word) -> list[Word]:
        """The conjuncts of an earlier word that a preposition of ``word`` cut off from it (see
        ``across_a_preposition``): "ke Korsel, China, dan Jepang" with Jepang hung on the visitor."""
        case = next((c for c in self.view.kids(word.id) if is_preposition(c)), None)
        if case is None:
            return []
        inside = set(self.view.subtree(word.id))
        out = []
        for c in self.words:
            if not c.deprel.startswith("conj") or not c.head or c.id in inside or not c.head < case.id < c.id or c.id <= word.id:
                continue
            # ``word``'s preposition is the last one between the conjunct and the word it hangs on
            last = not any(is_preposition(self.sent.word(k)) for k in range(case.id + 1, c.id))
            if last and self.across_a_preposition(self.sent.word(c.head), c):
                out.append(c)
        return out

    def titled_names(self, word: Word) -> list[Word]:
        """The persons a subject title names after commas, parsed as conjuncts inside the title phrase.

        "kepala bidang hubungan luar negeri Uni Eropa, Federica Mogherini dan komisioner
        pengembangan, Johannes Hahn, meminta ...": Mogherini and Hahn, when the title itself names
        no person and the parser hung the names as conjuncts of the title's words.
        """
        itself = self.resolve(word).mention
        if itself is not None and itself.kind == PERSON:
            return []
        out = []
        for i in sorted(self.view.subtree(word.id)):
            w = self.sent.word(i)
            m = self.by_word.get(i)
            if (
                m is not None
                and m.kind == PERSON
                and i == m.start + 1
                and w.deprel.startswith(("conj", "appos"))
                and self.view.after_comma(w)
            ):
                out.append(w)
        return out

    def people_of(self, population: Word) -> Mention | None:
        """The stateless people a population noun is of ("pengungsi Rohingya", ``[groups] peoples``), if any."""
        for child in self.view.kids(population.id):
            named = self.by_word.get(child.id)
            if (
                named is not None
                and child.deprel.startswith(("nmod", "flat", "compound", "appos", "amod"))
                and normalize_name(named.text) in self.lex.peoples
            ):
                return named
        return None

    def resolve(self, word: Word) -> Participant:
        """The actor a nominal word stands for: itself, its leader, its owner, or nobody."""
        mention = self.by_word.get(word.id)
        if mention is not None:
            return Participant(mention, mention.text, word.id)
        antecedent = self.relative_antecedent(word)
        if antecedent is not None:
            return self.resolve(antecedent)
        if word.lower in self.lex.reflexives:  # "memastikan dirinya tak akan ...": the clitic is who is meant
            clitic = next((c for c in self.view.kids(word.id) if c.lower in self.lex.clitic_pronouns), None)
            if clitic is not None:
                return self.resolve(clitic)
        text = self.view.nominal_text(word)
        clarified = self.bracketed_name(word)
        if clarified is not None:  # "Dia (Novel) cuma bilang ...": the writer says who is meant
            return Participant(clarified, clarified.text, word.id)
        if word.lower in self.lex.pronouns or word.upos == "PRON":
            return Participant(None, text, word.id)
        # a group led by someone: "delegasi ... yang dipimpin oleh X"
        if word.lower in self.lex.group_nouns:
            for child in self.view.kids(word.id):
                if child.deprel.startswith("acl") and child.lower in self.lex.leader_forms:
                    for obl in self.view.kids(child.id):
                        if self.view.case_of(obl) in self.lex.passive_agent_markers or obl.deprel.startswith("obl"):
                            led = self.resolve(obl)
                            if led.mention is not None:
                                return led
        # a gift by its giver: "dukungan yang secara terus menerus diberikan Republik Islam Iran"
        if word.lower in self.lex.gifts:
            given = self.named_in_relative(word, self.lex.giver_forms)
            if given is not None:
                return given
        if word.lower in self.lex.populations:
            people = self.people_of(word)  # "pengungsi Rohingya": the people; "wisatawan Yordania": not Jordan
            return Participant(people, people.text, word.id) if people is not None else Participant(None, text, word.id)
        # a thing by whoever made, did or holds it: "dua kalimat yang diucapkan Megawati"
        if word.upos == "NOUN" and word.lower not in self.lex.group_nouns and not self.view.is_title_word(word):
            made = self.named_in_relative(word, self.lex.maker_forms)
            if made is not None:
                return made
        best: Mention | None = None
        person: Mention | None = None
        best_depth = 99
        queue = deque([(word.id, 0)])
        seen = {word.id}
        while queue:
            wid, depth = queue.popleft()
            if depth > 3:
                continue  # a name's words cost no step, so the queue is not in order of depth
            for child in self.view.kids(wid):
                if child.id in seen or child.deprel.split(":")[0] not in NOMINAL_LINKS:
                    continue
                if child.deprel.startswith("acl") and child.lower not in self.lex.leader_forms:
                    continue
                if self.view.case_of(child) in self.lex.addressee_markers:
                    continue  # "sumber partai kepada kantor berita Reuters": whom the source speaks to
                seen.add(child.id)
                found = self.by_word.get(child.id)
                # the words of one name are one step, and so is a person the parser hung on the last word of the
                # organisation before him: "Dosen ... dari Universitas Airlangga Surabaya Herlambang ..." is Herlambang
                parent = self.by_word.get(wid)
                same_name = found is not None and found is parent
                hung_on_organisation = (
                    found is not None
                    and found.kind == PERSON
                    and parent is not None
                    and parent.kind != PERSON
                    and child.deprel.startswith("flat")
                )
                step = 0 if same_name or hung_on_organisation else 1
                # "kantor DPD PDIP di Jalan Jamin Ginting": where the thing is does not own it
                if found is not None and found.kind != PLACE:
                    if found.kind == PERSON and person is None:
                        person = found
                    at = depth + step
                    if at < best_depth or (
                        at == best_depth and best is not None and KIND_PREFERENCE[found.kind] < KIND_PREFERENCE[best.kind]
                    ):
                        best, best_depth = found, at
                    if found.kind == PERSON:
                        continue
                queue.append((child.id, depth + step))
        if person is None and self.view.is_title_word(word):
            person = self.holder_at_end(word)
        if person is not None and (self.view.is_title_word(word) or word.lower in self.lex.title_prefixes):
            holder = self.holder_apposed(word, person)
            if holder is not None:  # "Pengacara Tamimi, Gaby Lasky, mengatakan": the lawyer, not the client
                return Participant(holder, holder.text, word.id)
            # "kata Duta Besar Inggris untuk PBB Matthew Rycroft": the title stands for the person it names
            return Participant(person, person.text, word.id)
        if best is not None:
            if person is None and best.kind in (COUNTRY, ORGANIZATION) and self.titled(word):
                # "Analis Kebijakan Madya Bidkum Mabes Polri tersebut": the phrase points back at a person (the
                # demonstrative stays with the title for coreference to read)
                timed = self.view.time_words(word)  # "penyidik KPK hari ini": "ini" points at the day
                phrase_words = [self.sent.word(k) for k in self.view.subtree(word.id) if k not in timed]
                pointer = next((w.text for w in phrase_words if w.lower in self.lex.demonstratives and w.upos == "DET"), None)
                phrase = text if pointer is None or text.lower().endswith(pointer.lower()) else f"{text} {pointer}"
                return Participant(best, best.text, word.id, title_phrase=phrase)
            return Participant(best, best.text, word.id)
        if person is None and word.upos in ("NOUN", "PROPN") and "predicate" not in self.view.disabled:
            subject = self.predicated_of(word)
            if subject is not None and (said := self.resolve(subject)).mention is not None:
                return said
        return Participant(None, text, word.id)

    def bracketed_name(self, word: Word) -> Mention | None:
        """The name in brackets right after a pronoun or a role noun, which the writer added to say who it is:
        "Dia (Novel)", "Beliau (Jokowi)"."""
        words = self.sent.words
        i = word.id  # 0-based index of the word after ``word``
        if (word.upos not in ("PRON", "NOUN") and word.lower not in self.lex.pronouns) or i >= len(words) or words[i].text != "(":
            return None
        named = self.by_word.get(i + 2)
        if named is None or named.start != i + 1 or named.end >= len(words) or words[named.end].text != ")":
            return None
        return named

    def predicated_of(self, noun: Word) -> Word | None:
        """The subject a predicate noun says what it is: "NasDem merupakan partai pertama yang mendukung Khofifah",
        "Fredrich berperan sebagai pihak yang menemui penyidik KPK" (``[grammar] copulas``, ``role_markers``); not
        the object's role ("menetapkan Setnov sebagai tersangka")."""
        own = self.view.kids(noun.id)
        if any(k.deprel == "cop" and k.lower in self.lex.copulas for k in own):
            # "Partai Hijau adalah partai pertama ...", parsed the UD way: the noun heads its clause
            return next((k for k in own if k.deprel in SUBJECTS and k.id < noun.id), None)
        if not noun.head:
            return None
        verb = self.sent.word(noun.head)
        kids = self.view.kids(verb.id)
        copular = noun.deprel in ("obj", "xcomp") and verb.lower in self.lex.copulas
        role = (
            noun.deprel.startswith("obl")
            and self.view.case_of(noun) in self.lex.role_markers
            and not any(k.deprel in ("obj", "iobj") for k in kids)
        )
        if not (copular or role):
            return None
        return next((k for k in kids if k.deprel in SUBJECTS and k.id < noun.id), None)

    def titled(self, word: Word) -> bool:
        """Whether ``word`` starts a title phrase: a title ("Menlu"), or a former office's prefix before one ("mantan
        Presiden RI itu", parsed with "mantan" as the head)."""
        if self.view.is_title_word(word):
            return True
        return word.lower in self.lex.title_prefixes and any(self.view.is_title_word(k) for k in self.view.kids(word.id))

    def holder_apposed(self, title: Word, named: Mention) -> Mention | None:
        """The person apposed after a comma to a title phrase who holds the title of the person the phrase names
        ("Pengacara Tamimi, Gaby Lasky": roles.py gives Lasky the title, of Tamimi)."""
        for child in self.view.kids(title.id):
            holder = self.by_word.get(child.id)
            if child.deprel.startswith(("appos", "conj")) and _holds_title_of(holder, named):
                return holder
        # the parser hung the holder elsewhere ("Menurut pengacara Rizieq Shihab, Sugito Atmo Pawiro, ..."): the person
        # right after the comma that closes the phrase, if roles.py gave him this title of the person it names
        comma = named.end
        if comma < len(self.sent.words) and self.sent.words[comma].text == ",":
            after = self.by_word.get(comma + 2)
            if after is not None and after.start == comma + 1 and _holds_title_of(after, named):
                return after
        return None

    def named_in_relative(self, word: Word, forms: frozenset[str]) -> Participant | None:
        """The actor a passive relative clause of ``word`` names as its doer, for a clause verb of ``forms``:
        "dukungan yang diberikan Iran", "bantuan yang disalurkan oleh Jepang" (None without one)."""
        found = self._relative_doer(word, forms)
        return found[1] if found is not None else None

    def relative_doers(self, word: Word, forms: frozenset[str]) -> list[Word]:
        """The words naming the doer in a passive relative clause of ``word`` whose verb is one of ``forms`` (the
        first named one): "OTT yang dilakukan KPK", "bantuan yang disalurkan oleh Jepang"."""
        found = self._relative_doer(word, forms)
        return [found[0]] if found is not None else []

    def _relative_doer(self, word: Word, forms: frozenset[str]) -> tuple[Word, Participant] | None:
        """The first named doer of a passive relative clause of ``word`` with a verb of ``forms``, and the actor it is."""
        clauses = [c for c in self.view.kids(word.id) if c.deprel.startswith("acl")]
        # the verb, or (parsed as its complement) after an adverb: "yang terus menerus diberikan"
        clauses += [x for c in clauses for x in self.view.kids(c.id) if x.deprel.startswith(("xcomp", "conj"))]
        if word.id < len(self.words) and self.words[word.id].lower in self.lex.relatives:
            # the relative clause right after it, however the parser hung it
            clauses += [w for w in self.words[word.id + 1 : word.id + 6] if w.lower in forms][:1]
        for clause in (c for c in clauses if c.lower in forms):
            for doer in self.view.kids(clause.id):
                marker = self.view.case_of(doer)
                agent = (
                    doer.deprel in ("obj", "obl:agent")
                    or marker in self.lex.passive_agent_markers
                    or (doer.deprel == "obl" and marker is None and doer.id == clause.id + 1)  # "yang dilakukan KPK"
                )
                if doer.id > clause.id and agent and (found := self.resolve(doer)).mention is not None:
                    return doer, found
        return None

    def holder_at_end(self, title: Word) -> Mention | None:
        """The one person named at the end of a title phrase whose words the parser conjoined, with no verb and no
        preposition but of place inside: "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Wiranto" (Wiranto hung on
        "Keamanan", a conjunct of the title)."""
        phrase = self.view.subtree(title.id)
        if any(
            (w := self.sent.word(k)).upos == "VERB" or (w.upos == "ADP" and w.lower not in self.lex.place_prepositions)
            for k in phrase
        ):
            return None  # "tersangka kasus penganiayaan terhadap taruna ..., Brigadir Dua Mohammad Adam": the victim
        named = {m.key: m for k in phrase if (m := self.person_named_at(k)) is not None}
        if len(named) != 1:
            return None
        holder = next(iter(named.values()))
        return holder if holder.end == max(phrase) else None

    def relative_antecedent(self, word: Word) -> Word | None:
        """The noun a relative "yang" stands for: "Negara yang sudah dihubunginya" (None for any other word)."""
        if word.lower not in self.lex.relatives or word.upos != "PRON" or not word.head:
            return None
        clause = self.sent.word(word.head)
        return self.sent.word(clause.head) if clause.deprel.startswith("acl") and clause.head else None

    def listed(self, word: Word) -> list[Participant]:
        """The named members a group noun is spelt out as (``[groups] enumeration`` in lexicon.toml).

        "Negara yang sudah dihubunginya yakni Malaysia, Laos, Vietnam dan Singapura", "semua kelompok,
        mulai dari gerakan Hizbullah, Gerakan Jihad Islam Palestina, Hamas, hingga kelompok-kelompok
        jihad Palestina lainnya": the list starts inside the noun's phrase or right after it (past a
        comma); each item is a name, maybe after one or two lowercase words ("gerakan Hizbullah");
        the list ends at a verb, a stop, an item without a name or the unnamed others ("lainnya").
        """
        word = self.relative_antecedent(word) or word
        if word.id in self.by_word or word.upos not in ("NOUN", "PRON", "DET"):
            return []
        phrase = self.view.subtree(word.id)
        last = max(phrase)
        n = len(self.words)
        for pos in range(word.id + 1, min(last + 2, n) + 1):
            if pos > last and not (pos == last + 1 or self.sent.word(last + 1).text == ","):
                break
            if pos <= last and pos not in phrase:
                continue
            for marker in self.lex.enumeration:
                if tuple(w.lower for w in self.words[pos - 1 : pos - 1 + len(marker)]) == marker:
                    return self._list_items(pos + len(marker), word.id)
        return []

    def _list_items(self, start: int, noun: int) -> list[Participant]:
        """The names of a list that starts at word ``start`` (1-based), as participants standing at ``noun``."""
        out: list[Participant] = []
        item: list[Word] = []

        def take(item: list[Word]) -> bool:
            """Add the item's name; False where the list ends."""
            if not item or any(w.lower in self.lex.others for w in item):
                return False
            for k, w in enumerate(item):
                found = self.by_word.get(w.id)
                if found is not None:
                    if k > 2 or any(not v.text.islower() for v in item[:k]):
                        return False
                    out.append(Participant(found, found.text, noun))
                    return True
            return False

        for w in self.words[start - 1 :]:
            if w.lower in self.lex.connectors or w.text == "," or w.lower in self.lex.list_words:
                if item and not take(item):
                    return unique_participants(out)
                item = []
                continue
            if w.text in PUNCT_BREAK or w.text in "()" or (w.upos in ("VERB", "AUX") and w.id not in self.by_word):
                break
            item.append(w)
        if item:
            take(item)
        return unique_participants(out)

    def among(self, match: TriggerMatch, head: Word) -> list[Participant]:
        """The participants of a symmetric event written after "antara" (``[groups] among``).

        "pertemuan di antara semua kelompok, mulai dari A, B, C, hingga ...", "perundingan antara
        Malaysia dan Filipina": each conjunct, and the members a group noun is spelt out as.
        """
        ids = set(match.ids())
        holders = [self.sent.word(i) for i in ids] + ([head] if head.id not in ids else [])
        # "pertemuan dan koordinasi di antara ...": the phrase may hang on the last conjoined noun
        holders += [c for h in list(holders) for c in self.view.kids(h.id) if c.deprel.startswith("conj") and c.upos == "NOUN"]
        for holder in holders:
            for child in self.view.kids(holder.id):
                if child.id in ids or not child.deprel.startswith(("nmod", "obl")):
                    continue
                before = [self.sent.word(i) for i in self.view.subtree(child.id) if i < child.id]
                if not any(w.text in self.lex.among for w in before):
                    continue
                out: list[Participant] = []
                for conj in self.conjuncts(child):
                    part = self.resolve(conj)
                    out.extend([part] if part.mention is not None else self.listed(conj))
                return unique_participants(out)
        return []

    def with_partners(self, words: list[Word]) -> list[Word]:
        """Subjects with the partners named beside them: "Indonesia bersama Malaysia sepakat ..."."""
        out = list(words)
        for word in words:
            for child in self.view.kids(word.id):
                if child.deprel.startswith(("nmod", "obl")) and self.view.case_of(child) in self.lex.comitative:
                    out.extend(self.conjuncts(child))
        return out

    def with_owner_conjuncts(self, part: Participant) -> list[Participant]:
        """A target found through its owner brings the owner's conjuncts: "kelompok di Lebanon, Yaman dan Irak"."""
        mention = part.mention
        if mention is None or mention.extent_start <= part.word - 1 < mention.end:
            return [part]
        head = next((w for w in self.words[mention.start : mention.end] if not mention.start < w.head <= mention.end), None)
        if head is None:
            return [part]
        out = [part]
        for conj in self.conjuncts(head)[1:]:
            found = self.by_word.get(conj.id)
            if found is not None and found.kind == mention.kind:
                out.append(Participant(found, found.text, part.word))
        return out

    def could_be_actor(self, word: Word, oblique: bool) -> bool:
        """Whether an unresolved argument may still stand for an actor (a pronoun, a role noun)."""
        if any(
            self.sent.word(i).lower in self.lex.months or self.sent.word(i).lower in self.lex.weekdays
            for i in self.view.subtree(word.id)
        ):
            return False
        if word.upos == "PRON" or word.lower in self.lex.pronouns:
            return True
        if word.lower in self.lex.group_nouns or (word.lower,) in self.lex.titles:
            return True
        return not oblique and word.upos in ("PROPN",)


def _holds_title_of(holder: Mention | None, named: Mention) -> bool:
    """Whether ``holder`` is a person roles.py gave a title of ``named`` ("Gaby Lasky", lawyer of Tamimi)."""
    return holder is not None and holder.kind == PERSON and any(r.of is not None and r.of.key == named.key for r in holder.roles)
