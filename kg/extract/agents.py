"""Agents: who does what a trigger names (subjects through clauses, owners, passive agents)."""

from __future__ import annotations

from kg.document import Word
from kg.extract.view import Component, TriggerMatch
from kg.extract.words import PASSIVE_SUBJECTS, PUNCT_BREAK, QUOTE_MARKS, SUBJECTS
from kg.types import PERSON, PLACE


class Agents(Component):
    """The words that give an event's agent."""

    def subject_of(self, head: Word, passive: bool) -> tuple[list[Word], list[Word]]:
        """(agents, passive subjects) of a clause, inherited through conj/xcomp/advcl/relcl."""
        node: Word | None = head
        came_from: Word | None = None
        hops = 0
        while node is not None and hops < 4:
            misplaced = self.misattached_controller(node, came_from)
            if misplaced is not None:
                return ([], [misplaced]) if passive else ([misplaced], [])
            subjects = [
                c
                for c in self.view.kids(node.id)
                if c.deprel in SUBJECTS
                and not self.quoted_after(node, c)
                and c.id not in self.matcher.phrase_words
                and c.lower not in self.lex.time_nouns  # "sehari setelah X menuduh ...": when, not who
            ]
            subjects = [s for c in subjects if (s := self.past_a_source(c)) is not None]
            if len(subjects) > 1:
                subjects = [c for c in subjects if not self.apposed_to_an_object(c)] or subjects
                subjects = [c for c in subjects if not self.title_apposed_to(c, subjects)] or subjects
                if any(c.id < node.id for c in subjects):
                    # "ia mengingatkan, Indonesia adalah negara hukum": past the verb and a comma starts what is
                    # said, whose subject the parser hung on the verb
                    subjects = [c for c in subjects if c.id < node.id or not self.view.after_comma(self._first_of(c))]
            pass_subjects = [
                c for c in self.view.kids(node.id) if c.deprel in PASSIVE_SUBJECTS and not self.quoted_after(node, c)
            ]
            if passive and not pass_subjects and subjects:
                pass_subjects, subjects = subjects, []
            elif (
                not passive
                and not subjects
                and pass_subjects
                and all(c.lower in self.lex.relatives for c in pass_subjects)
                and not self.lex.is_passive_form(node.lower)
            ):
                # "pengacara Maqdir Ismail yang ikut membela Setnov" with "yang" parsed as the passive subject
                # of the active "ikut": the subject of the verb that controls the trigger
                subjects, pass_subjects = pass_subjects, []
            agents = [
                c
                for c in self.view.kids(node.id)
                if c.deprel.startswith("obl")
                and (
                    self.view.case_of(c) in self.lex.passive_agent_markers
                    or (c.deprel == "obl:agent" and (passive or self.lex.is_passive_form(node.lower)))
                )
            ]
            if passive and agents and not subjects and not pass_subjects and node.deprel.startswith(("xcomp", "conj")):
                # "Retno mengaku dihubungi oleh Menlu Inggris": the controller is the one contacted
                governor = self.sent.word(node.head)
                pass_subjects = [c for c in self.view.kids(governor.id) if c.deprel in SUBJECTS + PASSIVE_SUBJECTS]
            if (
                came_from is not None
                and came_from.deprel.startswith("advcl")
                and not passive
                and not subjects
                and pass_subjects
                and not any(c.lower in self.lex.relatives for c in pass_subjects)
                and all(c.id in self.by_word or c.upos == "PRON" for c in pass_subjects)
            ):
                # "Arief terbukti melanggar kode etik karena bertemu dengan ...", "X ditangkap polisi setelah
                # menyerang Y": the subject of a passive clause is the subject of an active adverbial clause under
                # it, not its agent
                return pass_subjects, []
            if (
                not passive
                and not subjects
                and pass_subjects
                and came_from is not None
                and came_from.deprel.startswith("xcomp")
                and node.lower in self.lex.raising
            ):
                # "Anwar dijadwalkan bertemu Hun Manet": who is scheduled to meet does the meeting
                return pass_subjects, []
            if subjects or pass_subjects or agents:
                return subjects + agents, pass_subjects
            if node is head and not passive and node.upos == "VERB" and node.deprel.startswith(("ccomp", "parataxis")):
                # "Dia mengatakan pengiriman bantuan itu dapat dilakukan Menlu Retno Marsudi berbicara dengan ...":
                # a reported clause's own doer, named right before its verb, before the reporter
                named = self.name_right_before(node, passive_agent=True)
                if named:
                    return named, []
            if node.upos in ("NOUN", "PROPN"):  # "kunjungannya ke Teheran": the owner did it
                owners = [
                    c
                    for c in self.view.kids(node.id)
                    if c.deprel in ("nmod:poss", "det:poss") or c.lower in self.lex.clitic_pronouns
                ]
                if owners:
                    return owners, []
            marks = {c.lower for c in self.view.kids(node.id) if c.deprel == "mark"}
            controlled = (node.deprel.startswith("xcomp") and not marks & self.lex.means_markers) or (
                # a complement without "bahwa" of a verb like "menuding", parsed as ccomp; or of a speech
                # verb, whose "object" is the complement's own subject ("menyatakan kedua pemimpin menegaskan ...")
                node.deprel.startswith("ccomp")
                and not marks
                and node.head
                and (self.sent.word(node.head).lower in self.lex.object_control or self.view.is_speech(self.sent.word(node.head)))
            )
            if controlled and node.head:
                # object control: "menuding Amerika Serikat mengeskalasi ...": the object does the complement
                controllers = [
                    c
                    for c in self.view.kids(node.head)
                    if c.deprel == "obj"
                    and c.id < node.id
                    and c.upos in ("PROPN", "NOUN", "PRON")
                    and self.view.case_of(c) is None
                ]
                if controllers:
                    return ([], controllers) if passive else (controllers, [])
            serial = self.serial_predecessor(node)
            came_from = node
            if serial is not None:
                # "Indonesia bersama Malaysia sepakat terus meningkatkan ..." parsed as two complements
                # of "mengatakan": the second verb shares the first one's subject
                node = serial
            elif (reporter := self.reporter_of_conjoined_speech(node)) is not None:
                node = reporter
            elif node.deprel.startswith(("conj", "xcomp", "advcl", "ccomp")) and node.head:
                node = self.sent.word(node.head)
            elif node.deprel.startswith("acl") and node.head:
                return [self.sent.word(node.head)], []
            elif node.deprel == "parataxis" and node.head and self.sent.word(node.head).deprel.startswith("acl"):
                # "delegasi ..., yang dipimpin oleh X, bertemu Y" parsed with the predicate hung on the
                # relative clause: the noun the clause describes is the subject
                relative = self.sent.word(node.head)
                return ([self.sent.word(relative.head)], []) if relative.head else ([], [])
            else:
                node = None
            hops += 1
        return [], []

    def name_right_before(self, verb: Word, passive_agent: bool = False) -> list[Word]:
        """The actor named right before a verb that has no subject, hung by the parser on a noun:
        "saat Menteri Luar Negeri Retno Marsudi berkunjung ke Yordania" with the name under "saat"; with
        ``passive_agent``, also the bare agent of the passive verb before it ("dapat dilakukan Menlu Retno
        berbicara dengan ...": who does it does the next verb too)."""
        k = verb.id - 1
        # past adverbs and a time expression: "Adies Kadir pada waktu itu mengatakan"
        timed = {i for w in self.words if w.deprel.endswith(":tmod") for i in self.view.subtree(w.id)}
        while (
            k >= 1
            and self.sent.word(k).text not in PUNCT_BREAK
            and (self.sent.word(k).upos in ("ADV", "AUX", "PART") or k in timed)
        ):
            k -= 1
        m = self.by_word.get(k) if k >= 1 else None
        if m is None or m.kind == PLACE or m.end != k:
            return []
        node = self.sent.word(k)
        while node.head and node.head in self.by_word and self.by_word[node.head] is m:
            node = self.sent.word(node.head)  # the word that heads the name's phrase
        governor = self.sent.word(node.head) if node.head else None
        bare_agent = (
            passive_agent
            and governor is not None
            and node.deprel.startswith("obl")
            and self.view.case_of(node) is None
            and self.lex.is_passive_form(governor.lower)
        )
        if bare_agent:
            return [node]
        if governor is None or governor.upos in ("VERB", "AUX") or not node.deprel.startswith(("nmod", "appos", "compound")):
            return []  # an argument of another verb ("bertemu Retno, berkunjung ...") is not this one's
        return [node]

    def _first_of(self, word: Word) -> Word:
        """The first word of ``word``'s phrase."""
        return self.sent.word(min(self.view.subtree(word.id)))

    def apposed_to_an_object(self, word: Word) -> bool:
        """Whether ``word`` starts a name written after a comma and an object's title, parsed as a subject:
        "Ketika bertemu Menlu Yordania, Ayman Safadi, Retno menyampaikan ..." (Safadi is the one met)."""
        m = self.by_word.get(word.id)
        if m is None or m.kind != PERSON or not m.roles or m.start < 2 or self.words[m.start - 1].text != ",":
            return False
        node = self.words[m.start - 2]
        while node.deprel in ("flat", "flat:name", "compound", "nmod", "fixed") and node.head:
            node = self.sent.word(node.head)
        return node.deprel in ("obj", "iobj") or node.deprel.startswith("obl")

    def title_apposed_to(self, word: Word, subjects: list[Word]) -> bool:
        """Whether ``word`` heads a description of a person named beside it, both parsed as subjects of one verb
        with only a comma between: a title phrase before the person who holds it ("Kasubdit Bin Gakkum Ditlantas
        Polda Metro Jaya, AKBP Budiyanto mengatakan ...": Budiyanto speaks, not Polda Metro Jaya), or a
        description after the person ("Maman Sidikou, yang merupakan pemimpin MONUSCO, misi penjagaan perdamaian
        PBB di negara itu, mengatakan ..."). A subject that is itself a named actor is never a description."""
        found = self.by_word.get(word.id)
        if found is not None and (found.kind == PERSON or not self.view.is_title_word(word)):
            return False
        phrase = set(self.view.subtree(word.id))
        for other in subjects:
            person = self.by_word.get(other.id)
            if other.id == word.id or person is None or person.kind != PERSON:
                continue
            named = set(self.view.subtree(other.id))
            if phrase & named:
                continue
            before, after = sorted((phrase, named), key=min)
            first = min(after)
            last = max(k for k in before if k < first)
            inner = [self.sent.word(k) for k in range(last + 1, first)]
            edges = [self.sent.word(last), self.sent.word(first)]
            if all(w.upos == "PUNCT" for w in inner) and any(w.text == "," for w in inner + edges):
                return True
        return False

    def past_a_source(self, subject: Word) -> Word | None:
        """The subject behind a reporting verb the parser made the subject: "Melansir Straits Times, Perwakilan
        Perdana Menteri ... Asyraf mengatakan ..." (the source is no speaker; the apposition after it is); None
        when nothing follows it."""
        if subject.lower not in self.lex.according_to:
            return subject
        return next((c for c in self.view.kids(subject.id) if c.deprel == "appos" and self.view.after_comma(c)), None)

    def quoted_after(self, verb: Word, subject: Word) -> bool:
        """Whether a quote mark stands between ``verb`` and a ``subject`` after it: the subject is inside
        the quote, never the verb's ("X mengatakan, “China salah ...”" with China parsed as its subject)."""
        return any(self.sent.word(k).text in QUOTE_MARKS for k in range(verb.id + 1, subject.id))

    def misattached_controller(self, node: Word, came_from: Word | None) -> Word | None:
        """The object of an object-control verb hung on ``node`` as a clause before it, right before it.

        "Korea Utara menuding Amerika Serikat mengeskalasi ketegangan" parsed with "mengeskalasi" as the
        root and "menuding Amerika Serikat" as its adverbial clause: Amerika Serikat escalates. Not when
        the search came up from that clause (Korea Utara does the accusing).
        """
        for clause in self.view.kids(node.id):
            if (
                (came_from is not None and clause.id == came_from.id)
                or not clause.deprel.startswith("advcl")
                or clause.id > node.id
                or clause.lower not in self.lex.object_control
                or any(c.deprel == "mark" for c in self.view.kids(clause.id))
            ):
                continue
            for obj in self.view.kids(clause.id):
                if (
                    obj.deprel == "obj"
                    and obj.upos in ("PROPN", "NOUN", "PRON")
                    and self.view.case_of(obj) is None
                    and max(self.view.subtree(obj.id)) == node.id - 1
                ):
                    return obj
        return None

    def reporter_of_conjoined_speech(self, node: Word) -> Word | None:
        """The reporting verb whose subject says ``node``, a speech verb conjoined to a reported clause.

        "Turki menyebut Uni Eropa menjalankan ... dan menilai ..." parsed with "menilai" conjoined to
        "menjalankan": the one who reports (Turki) also assesses, not the one reported on.
        """
        if not node.deprel.startswith("conj") or not node.head or not self.view.is_speech(node):
            return None
        clause = self.sent.word(node.head)
        if not clause.deprel.startswith(("ccomp", "xcomp")) or not clause.head or self.view.is_speech(clause):
            return None
        reporter = self.sent.word(clause.head)
        return reporter if self.view.is_speech(reporter) or reporter.lower in self.lex.object_control else None

    def serial_predecessor(self, node: Word) -> Word | None:
        """The verb right before a complement verb, hung on the same word with a subject of its own,
        with only adverbs, auxiliaries and particles between them ("sepakat terus meningkatkan")."""
        if not node.deprel.startswith(("ccomp", "xcomp", "parataxis")) or node.upos != "VERB":
            return None
        k = node.id - 1
        while k >= 1 and self.sent.word(k).upos in ("ADV", "AUX", "PART"):
            k -= 1
        before = self.sent.word(k) if k >= 1 else None
        if before is None or before.upos != "VERB" or before.head != node.head or before.id == node.head:
            return None
        return before if any(c.deprel in SUBJECTS for c in self.view.kids(before.id)) else None

    def owners_of(self, match: TriggerMatch) -> list[Word]:
        """Who an event noun belongs to: its -nya or possessor, or an actor named right after it."""
        ids = set(match.ids())
        out = []
        for wid in match.ids():
            for child in self.view.kids(wid):
                if child.id in ids or self.view.case_of(child) is not None:
                    continue
                if child.deprel in ("nmod:poss", "det:poss") or (
                    child.lower in self.lex.clitic_pronouns and not self.view.is_particle(child)
                ):
                    out.append(child)
                elif child.deprel.split(":")[0] in ("nmod", "compound", "appos", "flat") and child.id == match.end + 1:
                    found = self.parts.resolve(child)
                    if found.mention is not None and found.mention.kind != PLACE:
                        out.append(child)
        return out

    def accusers(self, head: Word) -> list[Word]:
        """Who makes an accusation that is the reason of what they do (``[speech] reasons``).

        "Arab Saudi, Mesir ... memutuskan hubungan dengan Qatar terkait dengan tudingan bahwa Doha
        ...": the subjects of the clause the accusation is the reason of. Not a passive clause ("Qatar
        dikucilkan atas tuduhan ...": Qatar is the accused), nor speech about it.
        """
        if not head.head:
            return []
        governor = self.sent.word(head.head)
        if governor.lower in self.lex.reasons and governor.upos in ("VERB", "ADP", "SCONJ") and governor.head:
            clause = self.sent.word(governor.head)  # "terkait dengan tudingan", "menyusul tuduhan"
        elif self.view.case_of(head) in self.lex.reasons or any(
            c.lower in self.lex.reasons for c in self.view.kids(head.id) if c.deprel in ("case", "mark")
        ):
            clause = governor  # "atas tuduhan", "karena tudingan"
        else:
            return []
        if clause.upos == "NOUN" and clause.deprel in ("obj", "nsubj:pass") and clause.head:
            clause = self.sent.word(clause.head)  # "memutuskan hubungan terkait dengan tudingan": hung on the object
        if clause.upos != "VERB" or self.lex.is_passive_form(clause.lower) or self.view.is_speech(clause):
            return []
        return [c for c in self.view.kids(clause.id) if c.deprel in SUBJECTS]

    def agents_by_pattern(self, match: TriggerMatch, head: Word) -> tuple[list[Word], list[str]]:
        """The agent the first matching enabled pattern rule for agents gives, with that rule's id."""
        for rule in self.lex.patterns_for("agent"):
            if rule.id in self.disabled or (
                rule.max_trigger_words is not None and len(match.trigger.words) > rule.max_trigger_words
            ):
                continue
            found = rule.first(self.view, head)
            if found is not None:
                return [found], [rule.id]
        return [], []
