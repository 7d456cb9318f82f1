"""Offline language identification by stop-word counts: cheap, and plenty for news prose."""

from __future__ import annotations

import re

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "at", "from", "it", "his", "he", "said", "were", "are", "be", "has", "have", "had", "an", "this", "which", "who", "their", "they", "after", "been", "but", "not", "or", "its"]
    ),
    "es": frozenset(
        ["el", "la", "de", "que", "y", "en", "los", "del", "se", "las", "por", "un", "una", "para", "con", "no", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "fue", "este", "ha", "sobre", "entre", "cuando", "muy", "sin", "también"]
    ),
    "fr": frozenset(
        ["le", "la", "les", "de", "des", "et", "en", "du", "un", "une", "est", "que", "qui", "dans", "pour", "pas", "sur", "au", "aux", "par", "plus", "ce", "sont", "avec", "il", "elle", "ont", "été", "mais", "ses", "leur"]
    ),
    "de": frozenset(
        ["der", "die", "das", "und", "in", "den", "von", "zu", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "bei", "wurde"]
    ),
    "it": frozenset(
        ["il", "di", "che", "e", "la", "per", "un", "una", "in", "del", "della", "sono", "non", "si", "con", "le", "gli", "dei", "alla", "più", "da", "anche", "come", "ma", "nel", "ha", "stato", "questo"]
    ),
    "pt": frozenset(
        ["o", "a", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "os", "no", "na", "por", "mais", "as", "dos", "das", "se", "ao", "foi", "pelo", "pela", "seu", "sua", "também"]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "voor", "met", "die", "niet", "aan", "er", "om", "ook", "als", "bij", "door", "maar", "werd", "naar", "uit"]
    ),
    "id": frozenset(["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan", "pada", "juga", "ke"]),
    "tr": frozenset(["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "olan", "sonra", "kadar"]),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile(
    r"[\u0400-\u04FF\u0600-\u06FF\u0590-\u05FF\u0900-\u097F\u4E00-\u9FFF\u3040-\u30FF\uAC00-\uD7AF]"
)


def detect_language(text: str, *, sample_chars: int = 4000) -> str | None:
    """ISO 639-1 code of the language with most stop words; None when too little text."""
    sample = text[:sample_chars]
    non_latin = len(_NON_LATIN.findall(sample))
    words = [w.lower() for w in _WORD.findall(sample)]
    if non_latin > max(20, len(sample) // 5):
        return _script_language(sample)
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0:
        return None
    return best


def _script_language(sample: str) -> str:
    counts = {
        "ru": len(re.findall(r"[\u0400-\u04FF]", sample)),
        "ar": len(re.findall(r"[\u0600-\u06FF]", sample)),
        "he": len(re.findall(r"[\u0590-\u05FF]", sample)),
        "hi": len(re.findall(r"[\u0900-\u097F]", sample)),
        "zh": len(re.findall(r"[\u4E00-\u9FFF]", sample)),
        "ja": len(re.findall(r"[\u3040-\u30FF]", sample)),
        "ko": len(re.findall(r"[\uAC00-\uD7AF]", sample)),
    }
    return max(counts, key=lambda lang: counts[lang])
