"""Targets: whom an event is done to (objects, marked obliques, gifts, claims, raised objects)."""

from __future__ import annotations

from kg.document import Word
from kg.extract.view import Component, TriggerMatch
from kg.extract.words import PASSIVE_SUBJECTS, PUNCT_BREAK, SUBJECTS, is_outlet
from kg.types import PLACE, Mention, Participant


class Targets(Component):
    """The words that give an event's target."""

    def objects_of(self, match: TriggerMatch, head: Word) -> list[Word]:
        ids = set(match.ids())
        frame = self.lex.frame(match.trigger.event_type)
        destination = frame.destination
        out = []
        holders = [self.sent.word(i) for i in ids] + ([head] if head.id not in ids else [])
        # "OTT yang dilakukan KPK terhadap Bupati X": an event noun's relative clause of its making marks its target
        # (its bare obliques and objects are its doer: rule ``maker``)
        makers = self.lex.maker_forms | self.lex.giver_forms
        clauses = (
            [c for c in self.view.kids(head.id) if c.deprel.startswith("acl") and c.lower in makers]
            if match.trigger.nominal and "maker" not in self.view.disabled
            else []
        )
        for holder in holders + clauses:
            for child in self.view.kids(holder.id):
                if child.id in ids or (holder in clauses and not child.deprel.startswith("obl")):
                    continue
                rel = child.deprel
                marker = self.view.case_of(child) or ""
                if marker is not None and (marker, child.lower) in self.lex.on_behalf:
                    continue  # "atas nama X": on behalf of X
                if marker in frame.reason_prepositions and child.lower not in self.lex.gifts:
                    continue  # "berterima kasih ... atas hasil positif": what is thanked for, not whom
                if child.upos == "PRON" and child.lower in self.lex.demonstratives:
                    continue  # "Untuk itu, Gatot mengajak ...": a bare demonstrative points at what was said, not at whom
                if rel in ("obj", "iobj") or (
                    rel.startswith(("obl", "nmod"))
                    and (
                        marker in self.lex.target_prepositions
                        or marker in frame.target_prepositions
                        or (destination and marker in self.lex.destination_prepositions)
                    )
                ):
                    out.append(child)
        # a phrase that ends with its preposition ("bertemu dengan"): the nominal it marks
        last = self.sent.word(match.end)
        if last.upos == "ADP" and last.head and last.head not in ids:
            marked = self.sent.word(last.head)
            if marked not in out:
                out.append(marked)
        return out

    def addressees(self, match: TriggerMatch, head: Word) -> list[Participant]:
        """Whom a speech event is addressed to: the named actors its trigger marks with an addressee preposition
        ("mengatakan kepada Presiden Joko Widodo", "melapor kepada X"), never a place or a news outlet ("ujarnya
        kepada Reuters" says where it was said, ``[speech] media_names``)."""
        out: list[Participant] = []
        last = self.sent.word(match.end)
        for word in self.objects_of(match, head):
            # "berkirim surat ke KPK": a phrase that ends in its preposition says whom it is sent to
            ends_in_it = last.upos == "ADP" and last.head == word.id and len(match.trigger.words) > 1
            if self.view.case_of(word) not in self.lex.addressee_markers and not ends_in_it:
                continue
            for conjunct in self.parts.conjuncts(word):
                named = self.by_word.get(conjunct.id) or self._side_of(conjunct)  # not an owner deep in the phrase
                if named is None and self.view.is_title_word(conjunct):
                    # "mengatakan kepada Kapolri": the title's holder, as coreference finds him; not "kepada wartawan",
                    # the press a statement is made to (``[speech] media_heads``)
                    text = self.view.nominal_text(conjunct)
                    if not self.lex.is_media(conjunct.text) and all(p.text != text for p in out):
                        out.append(Participant(None, text, conjunct.id))
                    continue
                if named is None or named.kind == PLACE or is_outlet(named, self.lex):
                    continue
                part = Participant(named, named.text, conjunct.id)
                if all(p.mention is None or p.mention.key != named.key for p in out):
                    out.append(part)
        return out

    def _side_of(self, word: Word) -> Mention | None:
        """The organisation a side noun names right after it ("kepada pihak KJRI"), if any."""
        if word.lower not in self.lex.sides:
            return None
        owner = next((k for k in self.view.kids(word.id) if k.deprel.startswith("nmod") and k.id == word.id + 1), None)
        return self.by_word.get(owner.id) if owner is not None else None

    def thanked_for(self, match: TriggerMatch) -> list[Word]:
        """The gift thanked for, where the parser hung it away from the thanks ("berterima kasih mewakili
        rakyat Palestina atas dukungan yang diberikan Iran"): the first "atas" phrase after the trigger."""
        for w in self.words[match.end :]:
            if w.text in PUNCT_BREAK:
                return []
            if (
                w.lower in self.lex.gift_reasons
                and w.deprel == "case"
                and w.head > w.id
                and self.sent.word(w.head).lower in self.lex.gifts
            ):
                return [self.sent.word(w.head)]
        return []

    def claim_subjects(self, match: TriggerMatch) -> list[Word]:
        """The subject of the clause an event noun introduces with "bahwa": "tudingan bahwa Doha mendukung ..."."""
        if match.end >= len(self.words) or self.words[match.end].lower not in self.lex.complementizers:
            return []
        mark = self.words[match.end]
        if not mark.head:
            return []
        return [c for c in self.view.kids(mark.head) if c.deprel in SUBJECTS and c.id > mark.id]

    def raised_objects(self, head: Word) -> list[Word]:
        """The object of an object-control verb, parsed into its complement: "meminta Turki menghentikan ...".

        Also the subject of a complement clause, for verbs whose target is the one the clause is about
        ("menuduh bahwa Doha mendukung terorisme"); Statements never come here.
        """
        out: list[Word] = []
        demanded = self.lex.modality.get("demanded", ())
        for xcomp in self.view.kids(head.id):
            # "mengajak agar TNI dan Polri bisa solid": a clause of what is asked for ("agar", [modality]
            # demanded), whichever way the parser hung it
            asked = xcomp.deprel.startswith(("conj", "advcl")) and any(
                c.deprel == "mark" and (c.lower,) in demanded for c in self.view.kids(xcomp.id)
            )
            if not (xcomp.deprel.startswith(("xcomp", "ccomp")) or asked):
                continue  # "menyeru Pemerintah AS mengajukan ...", "menuduh bahwa Doha mendukung ..."
            out.extend(
                c
                for c in self.view.kids(xcomp.id)
                if c.deprel in ("obj", "nsubj") and head.id < c.id < xcomp.id and self.view.case_of(c) is None
            )
        return out

    def denied(self, head: Word) -> list[tuple[str, Participant]]:
        """(``[speech] denial_type``, maker) for a denial of what someone claimed or demanded: the named maker of the
        verb's object ("membantah tuduhan yang dilontarkan Hun Manet": Hun Manet; "menampik tuntutan jaksa")."""
        kind = self.lex.denial_type
        if kind is None or head.lower not in self.lex.denials:
            return []
        out: list[tuple[str, Participant]] = []
        for thing in self.view.kids(head.id):
            if thing.deprel != "obj" or thing.upos != "NOUN" or thing.id in self.view.by_word:
                continue  # "membantah Hun Manet" names whom, not whose claim; only a claim's maker is rejected
            maker = self.parts.resolve(thing)
            if maker.mention is not None and maker.mention.kind != PLACE:
                out.append((kind, maker))
        return out

    def addressed(self, head: Word) -> list[tuple[str, Participant]]:
        """(event type, target) for a speech verb whose reported clause says what its subject should do
        (lexicon.toml [speech.addressed]): "berharap MK segera memutuskan uji materi" is an Appeal to MK.

        The target is the named subject of the verb's complement clause, or the object the parser hung on
        the speech verb before that clause ("berharap First Travel untuk kooperatif").
        """
        wishing = [t for t, verbs in self.lex.speech_addressed.items() if head.lower in verbs]
        urging = [t for t, verbs in self.lex.speech_urging.items() if head.lower in verbs]
        types = wishing + urging
        if not types:
            return []
        clauses = [c for c in self.view.kids(head.id) if c.deprel.startswith(("ccomp", "xcomp", "advcl")) and c.upos == "VERB"]
        objects = [c for c in self.view.kids(head.id) if c.deprel == "obj"]
        if not clauses and objects:
            # "berharap Pemkot Tangerang dan BPN dapat mendukung ...", parsed as the object and a second verb
            clauses = [
                c
                for c in self.view.kids(head.id)
                if c.deprel == "conj"
                and c.upos == "VERB"
                and c.id > objects[0].id
                and not any(k.deprel in SUBJECTS for k in self.view.kids(c.id))
            ]
        words = [] if not wishing else [c for clause in clauses for c in self.view.kids(clause.id) if c.deprel in SUBJECTS]
        if urging and not wishing:
            # what the object is urged to do: a controlled clause, or one its subordinator says is a directive
            clauses = [
                c
                for c in clauses
                if c.deprel.startswith("xcomp") or any(k.lower in self.lex.directive_marks for k in self.view.kids(c.id))
            ]
        if clauses:
            words += [c for c in objects if c.id < clauses[0].id]
        out: list[tuple[str, Participant]] = []
        for word in words:
            for conjunct in self.parts.conjuncts(word):
                # "berharap pemerintah memanfaatkan ...", "berharap majelis hakim Mahkamah Agung bisa ...": a government
                # or an institution named by its common noun is asked; coreference says whose
                government = conjunct.lower in self.lex.governments or conjunct.lower in self.lex.generic_organizations
                if conjunct.id not in self.view.by_word and not government:
                    continue  # "berharap kinerja KPK tidak terganggu": a wish about KPK's work, not asked of KPK
                part = self.parts.resolve(conjunct)
                if (part.mention is not None and part.mention.kind != PLACE) or (part.mention is None and government):
                    out.extend((event_type, part) for event_type in types)
        return out

    def said_against(self, head: Word, speech_words: set[int]) -> list[tuple[str, Participant]]:
        """(event type, target) for what a speaker says about an actor (lexicon.toml [speech.content]).

        "memperingatkan bahwa Amerika Serikat akan membayar harga": the subject of the reported
        clause, when its predicate is listed, is the target of a Threaten by the speaker.
        """
        out = []
        for clause in self.view.kids(head.id):
            if not clause.deprel.startswith(("ccomp", "parataxis")) or clause.upos not in ("VERB", "ADJ"):
                continue
            if any(head.id < i < clause.id for i in speech_words):
                continue  # "X menyatakan kedua pemimpin menegaskan bahwa ...": the nearer speech verb's clause
            # the predicate from its head, or from the adverbs before it ("Argo terlalu terburu-buru", "tidak paham")
            before = [c for c in self.view.kids(clause.id) if c.deprel.startswith(("advmod", "aux")) and c.id < clause.id]
            negations = [c.id for c in before if (c.lower,) in self.lex.modality.get("negated", ())]
            # a negated predicate is read with its negation only ("tidak gagal" is no "gagal")
            starts = [c.id for c in before if c.id <= min(negations)] if negations else [clause.id, *(c.id for c in before)]
            readings = [tuple(w.lower for w in self.words[start - 1 :] if w.upos != "PUNCT") for start in starts]
            for event_type, predicates in self.lex.speech_content.items():
                if not any(following[: len(p)] == p for p in predicates for following in readings):
                    continue
                subjects = [c for c in self.view.kids(clause.id) if c.deprel in SUBJECTS + PASSIVE_SUBJECTS]
                # "menilai Argo terlalu terburu-buru" with the clause's subject hung on the speech verb as its object
                subjects = subjects or [c for c in self.view.kids(head.id) if c.deprel == "obj" and c.id < clause.id]
                for subject in subjects:
                    for word in self.parts.conjuncts(subject):
                        part = self.parts.resolve(word)
                        if part.mention is not None and part.mention.kind != PLACE:
                            out.append((event_type, part))
        return out
