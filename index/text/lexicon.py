"""Word lists the sentence splitter relies on, kept as data rather than code branches.

Abbreviations are lower case and without their final period. A period after one is decided by
the word that follows it (see `index.text.segment`): titles never end a sentence, abbreviations that can
end one do so only before a word that typically opens a sentence.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Written before a name or a term, never at the end of a sentence: "Gen. Mattis", "e.g. Paris".
# Matched in title or lower case only, so that an acronym such as "SEC." still ends a sentence.
TITLES = _words(
    """
    mr mrs ms mx messrs mmes dr prof rev hon pres gov govs sen sens rep reps del gen gens lt col maj
    capt cmdr adm
    sgt cpl pvt supt insp det atty treas amb rt fr msgr
    e.g i.e cf viz
    """
)

# Abbreviations that stand before a number: "No. 10", "Vol. 3", "pp. 12", "Art. 5".
# Months are here too: "Jan. 5" goes on, "in Jan. The" ends. Weekdays are left out: "Sun", "Sat"
# and "Wed" end sentences as words ("the console game Rising Sun. Call of Duty ...").
NUMBER_PREFIXES = _words(
    """
    no nos vol vols pp p fig figs art arts sec ch para op nr approx est ca
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Abbreviations that also end sentences ("... from Warner Bros. He said"): a period after one is
# a boundary only when a sentence-opening word follows.
ABBREVIATIONS = _words(
    """
    st ste mt ft jr sr esq
    inc corp co cos ltd llc plc bros dept univ assn govt intl natl
    al vs v
    ave blvd rd hwy sq pl ln
    """
)

# Words that open sentences and seldom follow an abbreviation inside one ("U.S. The ...").
SENTENCE_STARTERS = _words(
    """
    the a an this that these those there here it its he she they we i you his her their our my
    your but and so yet or nor in on at for from to by with as if when while after before since
    although though because however meanwhile moreover still then now also some many most all
    both each every no not one what who why how where which whose such other another
    """
)

# Verbs of an attribution that follows a quote ending in "?" or "!": '"Why?" Smith asked.'
ATTRIBUTION_VERBS = _words(
    """
    said says asked asks added adds recalled recalls told tells explained explains insisted
    insists replied replies wrote writes continued continues noted notes declared declares
    exclaimed exclaims shouted shouts cried cries wondered wonders joked jokes quipped quips
    answered answers responded responds argued argues demanded demands tweeted tweets
    """
)

# Words a sentence does not end on: an ellipsis after one marks words left out ('"The … Clinton
# team has done'), not the end of a sentence.
UNFINISHED = _words("the a an of to and or nor for with from by into than my your his her its our")
