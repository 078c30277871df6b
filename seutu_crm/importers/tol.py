"""TOL 2008 codes as registers give them, matched to the industries the register holds."""

UNKNOWN_INDUSTRY = "00000"  # TOL's "Toimiala tuntematon"

# TOL 2008 divisions (two digits) of each section, for a code whose division the register
# does not hold.
SECTION_DIVISIONS = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)


def industry_code(tol_code, known_codes):
    """The most specific code of ``known_codes`` that ``tol_code`` falls in (None: none).

    "24420" → "24420", "2442", "244", "24", then the section letter.
    """
    code = "".join(ch for ch in tol_code if ch.isdigit())
    if not code or code == UNKNOWN_INDUSTRY:
        return None
    for length in range(len(code), 1, -1):
        if code[:length] in known_codes:
            return code[:length]
    division = int(code[:2]) if len(code) >= 2 else None
    for section, first, last in SECTION_DIVISIONS:
        if division is not None and first <= division <= last:
            return section if section in known_codes else None
    return None
