"""Name spans of a sentence: NER spans trimmed, joined, split, and merged with known names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.document import Entity
from kg.extract.words import PAIR_DASHES, acronym_of, is_capitalized
from kg.lexicon import normalize_name

if TYPE_CHECKING:
    from kg.extract.mentions import MentionFinder


class NameSpans:
    """Where the names of a sentence start and end (``MentionFinder`` turns the spans into mentions)."""

    def __init__(self, finder: MentionFinder) -> None:
        self.finder = finder
        self.lex = finder.lex
        self.sent = finder.sent
        self.words = finder.words

    def _starts_name(self, i: int, spans: list[tuple[int, int, str]]) -> bool:
        return any(sp[0] == i for sp in spans) or any(g[0] == i for g in self.finder.gazetteer)

    def _name_end(self, s: int, e: int, label: str, spans: list[tuple[int, int, str]]) -> int:
        """Where a name really ends, past the words the tokenizer or the tagger cut off.

        "Abdul Fattah | al - Sisi", "Mar | - a - | Lago", "Kim Jong | - un" (split hyphens), and for
        a person a capitalised name word the tagger left out but the parse attaches to the name
        ("Dato Sri Anifah | Aman").
        """
        words, n = self.words, len(self.words)
        while e < n:
            w = words[e]
            after = [x.text for x in words[e + 1 : e + 4]]
            particle = w.text.islower() and w.lower in self.lex.name_particles
            if particle and after[:1] == ["-"] and after[1:2] and after[1][:1].isupper():
                e += 3  # "al - Sisi"
                continue
            bridge = len(after) >= 3 and after[0].isalpha() and after[0].islower() and len(after[0]) <= 3
            if w.text == "-" and bridge and after[1] == "-" and after[2][:1].isupper():
                e += 4  # "Mar - a - Lago"
                continue
            if (
                label == "PER"
                and w.text == "-"
                and after[:1]
                and after[0].isalpha()
                and after[0].islower()
                and len(after[0]) <= 3
                and after[0] not in self.lex.clitics
                and after[1:2] != ["-"]
            ):
                e += 2  # "Kim Jong - un"
                continue
            if (
                label == "PER"
                and w.upos == "PROPN"
                and w.text[:1].isupper()
                and w.deprel.startswith("flat")
                and (s < w.head <= e or w.head == words[e - 1].head)
                and not self._starts_name(e, spans)
                and w.lower not in self.lex.months
                and w.lower not in self.lex.weekdays
                and not self.finder.title_at(e, n)
            ):
                e += 1  # "Anifah Aman"
                continue
            break
        return e

    def join_names(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Names cut by the tokenizer or the tagger made whole: see ``_name_end``; and two person
        spans joined by a particle ("Tamim | bin | Hamad al - Thani") are one name."""
        out: list[tuple[int, int, str]] = []
        for s, e, label in sorted(spans):
            if out and out[-1][1] > s:
                continue  # inside a name already extended over it ("Lago" of "Mar - a - Lago")
            e = self._name_end(s, e, label, spans)
            if (
                out
                and label == out[-1][2] == "PER"
                and out[-1][1] == s - 1
                and self.words[s - 1].text.islower()
                and self.words[s - 1].lower in self.lex.name_particles
            ):
                s = out.pop()[0]
            elif out and out[-1][2] == "ORG" and out[-1][1] == s and self.words[s - 1].text == ")" and self._branch(s, label):
                # "Badan Pengawas Pemilihan Umum (Bawaslu) | DKI Jakarta": its regional body; "Badan Reserse Kriminal
                # (Bareskrim) | Polri": the body of its parent
                s, label = out.pop()[0], "ORG"
            elif (
                label == "PER"
                and s >= 2
                and self.words[s - 1].lower in self.lex.patronymics
                and self.words[s - 1].text.islower()
                and is_capitalized(self.words[s - 2])
                and self.finder.title_at(s - 2, s - 1) == 0
                and not any(sp[0] <= s - 2 < sp[1] for sp in spans)
            ):
                s -= 2  # "Osama | bin Mohammed Abdullah Al Shuaibi": the tagger left the given name out
            if (
                out
                and label != "PER"
                and out[-1][2] != "PER"
                and out[-1][1] == s - 1
                and e - s == 1
                and self.words[s - 1].text == "("
                and e < len(self.words)
                and self.words[e].text == ")"
                and acronym_of(self.words[s].text, [w.text for w in self.words[out[-1][0] : out[-1][1]]])
            ):
                s, _end, label = out.pop()  # "Qatari News Agency ( QNA )": one name with its acronym
                e += 1
            out.append((s, e, label))
        return out

    def _branch(self, s: int, label: str) -> bool:
        """Whether the name at ``s``, after an organisation's acronym in brackets ending at ``s - 1``, is part of that
        organisation's name: its parent (an organisation), or the region of an institution every region has
        (``[organizations] regional``: "(Bawaslu) DKI Jakarta", not "(KPK) Jakarta")."""
        if label == "ORG":
            return True
        acronym = self.words[s - 2].lower if s >= 2 else ""
        return label == "LOC" and acronym in self.lex.regional_institutions

    def with_heads(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Names that a head noun before them turns into another name.

        - an institution's head noun (``[organizations]``) makes an organisation: "Parlemen Eropa",
          "Forum Regional ASEAN", "kedutaan AS", "Kedutaan Besar Inggris untuk Israel";
        - a country's forces (``[organizations] forces``) make an organisation: "militer Myanmar";
        - a landform or water (``[names] features``) makes another place: "semenanjung Korea".
        """
        taken = {k for s, e, _ in spans for k in range(s, e)}
        out = []
        for s, e, label in sorted(spans):
            if label == "PER" and 0 < self._head_at(s, e, self.lex.institution_heads) < e - s and is_capitalized(self.words[s]):
                label = "ORG"  # "Presidium Alumni" tagged as a person: an institution's head starts no person's name
            if label == "PER" or s == 0:
                out.append((s, e, label))
                continue
            start, new_label = s, label
            feature = self._head_before(s, self.lex.place_features, taken)
            if feature and self.words[s - feature].text.islower():
                start, new_label = s - feature, "LOC"
            else:
                k = s
                while k > 0 and s - k < 4 and k - 1 not in taken and self.words[k - 1].text[:1].isupper():
                    k -= 1  # the capitalised words before the name: "Forum Regional"
                for j in range(k, s):
                    length = self._head_at(j, s, self.lex.institution_heads)
                    if length:
                        start, new_label = j, "ORG"
                        break
                else:
                    head = self._head_before(s, self.lex.org_heads, taken)
                    if not head and self.lex.country_code(self.sent.span_text(s, e)):
                        head = self._head_before(s, self.lex.forces, taken)  # "militer Myanmar"
                    if not head and label == "ORG" and self._head_before(s, self.lex.branches, taken):
                        head = 1  # "DPD PDIP Jateng": a regional board, with the region after it
                        region = next((sp for sp in spans if sp[0] == e and sp[2] in ("LOC", "COUNTRY")), None)
                        e = region[1] if region is not None else e
                    if head:
                        start, new_label = s - head, "ORG"
                if new_label == "ORG" and e + 1 < len(self.words) and self.words[e].lower in self.lex.accredited_to:
                    head_words = self.words[start].lower
                    if head_words.startswith(self.lex.missions):
                        to = next((sp for sp in spans if sp[0] == e + 1 and sp[2] != "PER"), None)
                        if to is not None:
                            e = to[1]  # "Kedutaan Besar Inggris untuk Israel"
            if start != s:
                taken.update(range(start, e))
            out.append((start, e, new_label))
        kept = []
        for sp in out:  # a name swallowed by a longer one ("Israel" of "... untuk Israel") goes
            if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in out):
                kept.append(sp)
        return kept

    def headed_names(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Organisations the tagger missed whose name is a capitalised institution head and the
        capitalised words after it ("Aliansi Nelayan Indonesia", "Pengadilan Tindak Pidana Korupsi",
        "Presidium Alumni 212"): the head alone, a date or a title after it names nothing.
        """
        taken = {k for s, e, _ in spans for k in range(s, e)}
        n, out, i = len(self.words), list(spans), 0
        while i < n:
            length = self._head_at(i, n, self.lex.institution_heads) if i not in taken and is_capitalized(self.words[i]) else 0
            if not length:
                i += 1
                continue
            e = i + length
            while (
                e < n
                and e not in taken
                and e - i < 8
                and is_capitalized(self.words[e])
                and self.words[e].upos in ("PROPN", "NOUN", "ADJ", "NUM")
                and self.words[e].lower not in self.lex.months
                and self.words[e].lower not in self.lex.weekdays
                and not self.finder.title_at(e, n)
            ):
                e += 1
            if any(w.upos == "PROPN" for w in self.words[i + length : e]):
                out.append((i, e, "ORG"))
                taken.update(range(i, e))
            i = max(e, i + 1)
        return sorted(out)

    def _head_at(self, j: int, limit: int, heads: frozenset[str]) -> int:
        """Length of the longest of ``heads`` written from word ``j`` (any case), ending before ``limit``."""
        for length in (3, 2, 1):
            if j + length <= limit and " ".join(w.lower for w in self.words[j : j + length]) in heads:
                return length
        return 0

    def _head_before(self, s: int, heads: frozenset[str], taken: set[int]) -> int:
        """Length of one of ``heads`` that ends right before word ``s`` (0 if none)."""
        for length in (3, 2, 1):
            j = s - length
            if j >= 0 and not any(k in taken for k in range(j, s)) and self._head_at(j, s, heads) == length:
                return length
        return 0

    def merge_gazetteer(
        self, spans: list[tuple[int, int, str]], gazetteer: list[tuple[int, int, str, str | None]]
    ) -> list[tuple[int, int, str]]:
        """Combine NER spans with known names.

        A known name that covers NER spans replaces them ("Republik Islam Iran" over "Iran");
        an ORG/LOC span made of several known names is split into them ("Hizbullah Libanon");
        a longer NER span that merely contains a known name wins ("Dewan Keamanan Nasional Iran").
        """
        known = [(s, e, "COUNTRY" if label == "COUNTRY" else label) for s, e, label, _ in gazetteer]
        out: list[tuple[int, int, str]] = []
        for s, e, label in spans:
            inside = [k for k in known if s <= k[0] and k[1] <= e]
            covered = sum(k[1] - k[0] for k in inside)
            if label != "PER" and len(inside) >= 2 and covered == e - s:
                out.extend(inside)
            else:
                out.append((s, e, label))
        result: list[tuple[int, int, str]] = []
        for k in sorted(known, key=lambda k: (k[0] - k[1], k[0])):  # longest first
            if any(r[0] < k[1] and k[0] < r[1] for r in result):
                continue
            # a known name followed by its acronym in brackets keeps the bracket: "... Islam (IRGC)"
            if k[1] < len(self.words) and self.words[k[1]].text == "(":
                close = next((j for j in range(k[1] + 1, min(k[1] + 4, len(self.words))) if self.words[j].text == ")"), None)
                if close is not None and close - k[1] == 2:
                    k = (k[0], close + 1, k[2])
            # a person's name never starts inside a known name: "Juru Bicara Gedung | Putih Sarah Sanders"
            out = [(k[1], sp[1], sp[2]) if sp[2] == "PER" and k[0] < sp[0] < k[1] < sp[1] else sp for sp in out]
            overlapping = [sp for sp in out if sp[0] < k[1] and k[0] < sp[1]]
            if all(k[0] <= sp[0] and sp[1] <= k[1] for sp in overlapping):
                out = [sp for sp in out if sp not in overlapping]
                result.append(k)
        return sorted(set(out + result))

    def _title_inside(self, s: int, e: int) -> tuple[int, int] | None:
        """(title start, name start) of a capitalised title inside the organisation span [s, e) that a
        person's name ends: "Direktorat Reserse Kriminal Umum Polda Jatim | Ajun Komisaris Besar Polisi |
        Yudhistira" (the tagger joined the organisation, the holder's rank and the holder). None otherwise:
        "Kantor Staf Presiden" names no person after its title."""
        heads = self.lex.institution_heads
        for j in range(s + 1, e - 1):
            length = self.finder.title_at(j, e)
            if not length or j + length >= e or not is_capitalized(self.words[j]):
                continue
            name = self.words[j + length : e]
            if (
                len(name) <= 4
                and all(w.upos == "PROPN" and is_capitalized(w) and w.lower not in heads for w in name)
                and not self.lex.country_code(self.sent.span_text(j + length, e))
                and normalize_name(self.sent.span_text(j + length, e)) not in self.lex.aliases
            ):
                return j, j + length
        return None

    def split_entity(self, ent: Entity) -> list[tuple[int, int, str]]:
        """Trim punctuation, split 'Name (ACR)' and strip leading titles off PER spans."""
        s, e = ent.start, ent.end
        while s < e and self.words[s].upos == "PUNCT":
            s += 1
        while e > s and self.words[e - 1].upos == "PUNCT" and self.words[e - 1].text != ")":
            e -= 1
        if s >= e:
            return []
        # Drop a trailing ")" that closes nothing inside the span.
        texts = [w.text for w in self.words[s:e]]
        if texts[-1] == ")" and "(" not in texts:
            e -= 1
        elif "(" in texts and ")" not in texts[texts.index("(") :] and e < len(self.words) and self.words[e].text == ")":
            e += 1  # "Kementerian Keuangan (DJP Kemenkeu" tagged without its ")": the parenthesis is the acronym's
        while e - s > 1 and self.words[e - 1].lower.rstrip(".") in self.lex.name_followers:
            e -= 1  # "Saudi cs": the others with Saudi Arabia are no part of its name
        if ent.label in ("ORG", "LOC") and e < len(self.words) and is_capitalized(self.words[e]):
            for k in range(max(s + 1, e - 3), e):  # "Polda Papua | Kombes" before "Ahmad Kamal": the rank is his
                if tuple(w.lower.rstrip(".") for w in self.words[k:e]) in self.lex.ranks:
                    e = k
                    break
        if ent.label in ("ORG", "LOC"):
            # "Panglima Korps ...": a person's title tagged into an organisation belongs to the role
            length = self.finder.title_at(s, e)
            if length == e - s and any(x.start == e and x.label == "PER" for x in self.sent.entities):
                return []  # "Menpan RB | Asman Abnur", the title tagged as an organisation: it is the person's
            after_title = 0 < length < e - s and is_capitalized(self.words[s + length])
            if after_title:
                s += length
            else:  # "Direktur | Eksekutif CITA": a title begun before the span ends inside it ("Ketua | Komisi
                # Perlindungan Anak" loses its head here and gets it back in ``with_heads``)
                for k in range(max(0, s - self.lex.max_title_len), s):
                    end = k + self.finder.title_at(k, e)
                    if s < end < e and is_capitalized(self.words[end]):
                        s = end
                        break
            after_title = after_title or any(
                self.finder.title_at(k, s) == s - k for k in range(max(0, s - self.lex.max_title_len), s)
            )
            # "Pemerintah RI": the government of a country stands for the country
            if e - s > 1 and self.words[s].lower in self.lex.governments and self.lex.country_code(self.sent.span_text(s + 1, e)):
                s += 1
            inner = self._title_inside(s, e)
            if inner is not None:
                title_start, name_start = inner
                person = self.split_entity(Entity("PER", name_start, e, self.sent.span_text(name_start, e)))
                return [(s, title_start, ent.label), *person]
            if after_title:
                # "Menteri Luar Negeri | Amerika Serikat Rex Tillerson": after a title, a known name
                # followed by capitalised names is the title's country and the person holding it
                for gs, ge, glabel, _code in self.finder.gazetteer:
                    rest = self.words[ge:e]
                    names = all(w.upos == "PROPN" and w.text[:1].isupper() for w in rest)
                    if gs == s and ge < e and glabel in ("COUNTRY", "ORG") and names:
                        return [(gs, ge, glabel), (ge, e, "PER")]
        if ent.label == "PER":
            dash = next(
                (
                    k
                    for k in range(s + 1, e - 1)
                    if self.words[k].text in PAIR_DASHES and self.words[k - 1].lower not in self.lex.name_particles
                ),
                None,
            )  # not "Abdul Ghani al - Asadi", a particle joined to the family name
            if dash is not None:
                # "Dodi Reza Alex - Giri Ramanda", "Anies - Sandi": a candidate pair written as one name is two persons
                first = self.split_entity(Entity("PER", s, dash, self.sent.span_text(s, dash)))
                return first + self.split_entity(Entity("PER", dash + 1, e, self.sent.span_text(dash + 1, e)))
            # "Brigadir Jenderal | Pol Rikwanto": a title begun before the span that runs into it ends there
            for k in range(max(0, s - self.lex.max_title_len), s):
                if s < k + self.finder.title_at(k, e) < e:
                    s = k + self.finder.title_at(k, e)
                    break
            while s < e:
                length = self.finder.title_at(s, e)
                if length == 0 or length == e - s:
                    break
                s += length
            # a country or organisation name between the title and the name ("Iran" in
            # "Menteri Luar Negeri Iran Ali Baghi Kani") belongs to the role, not the name
            after_title = any(self.finder.title_at(k, s) == s - k for k in range(max(0, s - self.lex.max_title_len), s))
            for gs, ge, label, _code in self.finder.gazetteer:
                # "Amerika Serikat Rex Tillerson": a known name before a full name belongs to the role
                if (after_title or e - ge >= 2) and gs == s and ge < e and label in ("COUNTRY", "ORG", "LOC"):
                    s = ge
                    while s < e and self.finder.title_at(s, e) and self.finder.title_at(s, e) < e - s:
                        s += self.finder.title_at(s, e)
            if s < e and e - s == self.finder.title_at(s, e):
                return []  # only a title: "Presiden" is not an actor
        return [(s, e, ent.label)]
