"""Small news-like articles written for the end-to-end tests, with named speakers."""

from __future__ import annotations

FERRY = """Harbor council approves ferry expansion

The Port Alder harbor council voted 5-2 on Tuesday to add a second ferry route to Gull Island, ending a year of debate over cost and noise.

"This route will cut the morning commute in half for island families," said Mayor Lena Ortiz, who cast the deciding vote.

Harbor master Tom Becker warned that the new pier would need dredging before summer. "We cannot dock a larger boat in four feet of water," Becker said.

Residents of the waterfront were split. "The horns already wake us at six," said Marta Quill, who has lived on Dock Street for thirty years.

The council expects the first sailings in June. Ortiz said the city would publish a timetable next month.
"""

LIBRARY_HOURS = """Library to extend weekend hours

The Elm Street branch library will stay open until 8 p.m. on Saturdays and Sundays from next month, the city announced on Friday.

"Weekends are when working parents can actually bring their children," said head librarian Priya Nair.

Council member Dan Hollis, who proposed the change, said the extra hours would cost about $40,000 a year. "It is the cheapest way I know to keep teenagers off the street," Hollis said.

The library will hire two part-time staff members to cover the new shifts.
"""

# Mentions in the title, the body and a quote: none of them may ever ping anyone.
BRIDGE = """@everyone: the old bridge is closed

The Miller Road bridge was closed to traffic on Monday after inspectors found cracked beams.

"Tell @everyone to use the north crossing until further notice," said Ruth Alvarez, the county inspector.

Detours will add about ten minutes to trips into town, officials said. @here <@&1234> <@5678>
"""

BAKERY = """Corner bakery closes after forty years

The Rye & Crumb bakery on Mill Lane served its last loaves on Saturday.

"My hands are tired but my heart is full," said owner Elsa Brandt, who opened the shop in 1985.
"""

_FIRST = ["Ada", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
          "Kira", "Lars", "Mina", "Nils", "Olga", "Pavel", "Rosa", "Sven", "Tara", "Umar"]  # fmt: skip
_LAST = ["Abbott", "Brennan", "Castillo", "Dalton", "Eriksen", "Fontaine", "Galloway", "Hartley",
         "Ibarra", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
         "Quintero", "Rasmussen", "Sato", "Tanaka"]  # fmt: skip
_DEPARTMENTS = ["parks", "roads", "schools", "libraries", "buses"]


def budget_hearing() -> str:
    """A long article: twenty residents, each quoted at length, so replies must paginate."""
    paragraphs = [
        "City budget hearing draws record crowd",
        "More than three hundred residents packed the council chamber on Wednesday night for "
        "the final hearing on the city budget, which runs to 900 pages this year.",
    ]
    for i, (first, last) in enumerate(zip(_FIRST, _LAST, strict=True)):
        quote = (
            f"The budget for the {_DEPARTMENTS[i % 5]} department has been cut three years "
            f"running, and my neighbours on {last} Street have watched the potholes grow and the "
            "playground close while the council spends on consultants and reports that nobody "
            "reads. We want the money back where people can see it, and we want it this year, "
            "not after another study."
        )
        paragraphs.append(f'"{quote}" said {first} {last}, a resident who spoke for three minutes.')
        paragraphs.append(f"{last} was applauded by the crowd, and the chair asked for quiet.")
    paragraphs.append("The council will vote on the budget next Tuesday.")
    return "\n\n".join(paragraphs) + "\n"
