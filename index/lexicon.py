"""Word lists the text pipeline relies on, kept as data rather than code branches."""

from __future__ import annotations

# Abbreviations that end in a period without ending the sentence (lower case, no final period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev hon pres gov sen rep gen lt col maj capt cmdr adm sgt cpl pvt
    supt insp det atty sec treas amb rt st jr sr esq
    inc corp co ltd llc bros dept univ assn govt
    no nos vol vols pp fig al vs etc approx est
    jan feb mar apr jun jul aug sep sept oct nov dec
    ave blvd rd hwy mt ft
    """.split()
)
