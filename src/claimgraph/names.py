"""The one place for actor and outlet names: stable keys, alias keys, and finding the actor a text names.

spaCy-free, so ingest, queries, graph and publish use the same rules as extract.
"""

from __future__ import annotations

import re
import unicodedata

# abbreviation -> the word it stands for; alias_key() expands them, variants() generates them
ABBREVIATIONS = {
    "dept": "department", "depts": "departments", "govt": "government", "gov't": "government",
    "int'l": "international", "intl": "international", "nat'l": "national", "natl": "national",
    "assn": "association", "corp": "corporation", "univ": "university", "comm": "committee",
    "admin": "administration", "org": "organization", "inst": "institute", "ctr": "center",
}
_SPELLINGS = {"organisation": "organization", "defence": "defense", "centre": "center"}
_WRITTEN_ABBREVIATIONS = {
    "Department": ("Dept.", "Dept"), "Government": ("Govt.", "Gov't"), "International": ("Int'l", "Intl."),
    "National": ("Nat'l",), "Association": ("Assn.",), "Corporation": ("Corp.",), "University": ("Univ.",),
}



def slugify(name: str) -> str:
    """The stable key of an actor called ``name``: ``Kim Jong-un`` -> ``kim-jong-un``, ``U.N.`` -> ``un``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[.'’]", "", ascii_name.lower()).replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def alias_key(text: str) -> str:
    """The form an alias is matched on: lower case, no punctuation, no leading 'the', abbreviations expanded."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’]s$", "", text.strip())
    words = []
    for word in re.sub(r"&", " and ", text).split():
        bare = word.strip(".,;:!?()[]\"")
        bare = ABBREVIATIONS.get(bare.rstrip("."), bare)
        words.append(_SPELLINGS.get(bare, bare))
    text = re.sub(r"[^a-z0-9 ]+", "", " ".join(words).replace("-", " "))
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def without_initials(name: str) -> str:
    """A name without its middle initials: "Donald J. Trump" -> "Donald Trump"."""
    words = name.split()
    return " ".join(word for i, word in enumerate(words) if i == 0 or not re.fullmatch(r"[A-Z]\.?", word))


def written_variants(alias: str) -> set[str]:
    """Abbreviated spellings of an alias as newsrooms write them ("Dept. of State")."""
    variants = {alias}
    for word, abbreviations in _WRITTEN_ABBREVIATIONS.items():
        if re.search(rf"\b{word}\b", alias):
            variants |= {re.sub(rf"\b{word}\b", short, alias) for short in abbreviations}
    return variants
