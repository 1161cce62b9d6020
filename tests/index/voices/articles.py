"""Small articles written for the people tests: two Smiths, one Beck in two stories, and two
speakers the harbour story only describes ("one visitor", "a council spokesman")."""

MAYOR = """Town council backs new bridge

The town council voted on Tuesday to fund a new footbridge over the Lenn river.

"This bridge will join two halves of our town," Mayor Anna Smith said at the meeting.

Smith said the work would start in the spring. "We have waited long enough," she added.

"Officers will watch the site at night," Police Chief Charlie Beck said.
"""

BAKERY = """Bakery wins regional prize

A family bakery on Mill Street has won the regional bread prize for the third year.

"We bake every loaf by hand," said Bob Smith, who owns the bakery.

Smith said the prize money would pay for a second oven.

"It is a great day for the street," Charlie Beck, the city's police chief, said.
"""

FAIR = """School fair raises funds

The school fair raised more than four thousand pounds on Saturday.

"The children ran every stall themselves," Smith said.
"""

HARBOUR = """Harbour festival returns

The harbour festival returns this weekend after a two-year break.

"We expect ten thousand visitors," Smith said.

Someone at the harbour said the boats would be decorated. "It will be loud," one visitor said.

"The quay will close at six," a council spokesman said.
"""
