"""Page furniture is recognized by data rules, and ordinary story paragraphs are left alone."""

import pytest

from index.text.furniture import is_furniture, story_start

FURNITURE = [
    "Watch LIVE",
    "Advertisement",
    "ADVERTISEMENT",
    "Read more:",
    "Read more »",
    "Most recent",
    "All Articles",
    "Share this article",
    "Share on Facebook",
    "Scroll down for video",
    "Story continues below advertisement",
    "More from the Gazette:",
    "Related: Council votes on the new harbour plan",
    "Click here to subscribe to our newsletter",
    "Follow us on Twitter for the latest updates",
    "Sign up for our morning briefing",
    "(Photo by Jane Roe/Getty Images)",
    "The mayor waves to supporters outside city hall on Tuesday. (Photo by Jane Roe/Getty Images)",
    "Firefighters work through the night near the ridge. (AP Photo/Sam Poe)",
    "Rescue teams search the river bank. (Reuters)",
    "LOS ANGELES, CA - MARCH 03: Residents line up outside a shelter on March 3, 2019 in Los "
    "Angeles, California.",
    "Photo: Sam Poe/Reuters",
    "Image copyright Getty Images",
    "Getty Images",
    "By Jane Roe",
    "By Jane Roe and Sam Poe | Reuters",
    "BY JANE ROE, STAFF WRITER",
    "By . Daily Mail Reporter .",
    "Jane Roe, Staff Writer",
    "Updated 3:45 PM ET, Tue April 7, 2015",
    "Published: 08:12 EST, 2 May 2015",
    "Last updated 2 hours ago",
    "WASHINGTON —",
    "LONDON (Reuters) -",
    "Copyright 2016 The Gazette. All rights reserved.",
    "© 2016 Gazette Media",
]

STORY = [
    "By Tuesday, the fire had spread across three valleys and forced thousands from their homes.",
    "By then the council had already voted to close the library.",
    "From Monday, buses will stop running after midnight.",
    "Published reports say the company lost money for a third straight year.",
    "Updated figures released on Friday show unemployment fell to 4.1 percent.",
    "Posted guards now stand at every entrance to the plant.",
    "Copyright lawyers say the ruling could change how songs are sampled.",
    "The photo was shared more than 10,000 times before it was deleted.",
    "Share prices fell sharply after the announcement.",
    "Reuters reported that the talks had stalled.",
    "The company told Reuters it would appeal.",
    "Watch officials say the storm could strengthen overnight.",
    "More than 200 people attended the vigil on Sunday evening.",
    "More of them said:",
    "Read the statement carefully, the judge told the jury, and decide for yourselves.",
    "WASHINGTON — The Senate passed the bill late on Thursday by a vote of 52 to 48.",
    "LOS ANGELES (AP) — The city council approved the budget on Tuesday.",
    "Jane Roe, the city's police chief, said officers would not take part.",
    "Follow-up inspections found no further problems at the site.",
    "Image matters in politics, the strategist said, more than most voters admit.",
    "The mayor said: \"We will rebuild, and we will do it together.\"",
]


@pytest.mark.parametrize("paragraph", FURNITURE)
def test_furniture_is_recognized(paragraph):
    assert is_furniture(paragraph, index=0)


@pytest.mark.parametrize("paragraph", STORY)
def test_story_paragraph_is_not_furniture(paragraph):
    assert not is_furniture(paragraph, index=2)


def test_long_single_paragraph_story_is_not_claimed_by_a_byline_rule():
    story = "By Tuesday the river had risen. " + "Residents moved their cars uphill. " * 30
    assert not is_furniture(story, index=0)


def test_empty_paragraph_is_not_furniture():
    assert not is_furniture("   ", index=0)


# (sentence, where the story starts in it): datelines and labelled captions glued to a sentence.
STORY_STARTS = [
    ("(CNN)The ferry pier in Westport will close for two years of repairs.", "The ferry pier"),
    ("WESTPORT (AP) — The ferry pier will close for two years of repairs.", "The ferry pier"),
    ("Closed: The old ferry pier seen from the harbour wall at low tide The Westport council "
     "voted on Tuesday to close the pier.", "The Westport council"),
    ("Shut: Ferry operator Tom Reyes, 52, pictured at his ticket office last spring A ferry "
     "operator says the closure will ruin his summer trade.", "A ferry operator"),
    ("Westport, Maine (CNN)When the pier shook, the ferry crew ran for the shore.", "When the pier"),
    ("(The Harbour Gazette)Tom Reyes, whose ferry ran for forty years, has retired.", "Tom Reyes"),
]
# Sentences with nothing before the story, including ones a looser rule would cut.
WHOLE_SENTENCES = [
    "The council voted on Tuesday to close the pier in The Hague style of old harbours.",
    "Commuters, take note: The shuttle bus leaves every twenty minutes from the bridge.",
    "EXPERT VIEW: 'The pilings at the north end A section of the pier is unsafe,' he said.",
    "Closed: The old ferry pier The council voted.",
    "(CNN)Pier closed.",
    "NATO — the alliance that has kept the peace for decades — met on Tuesday in Brussels.",
    "Repairs are expected to cost $12 million, paid partly by a state grant.",
    "Harbor Lines (HLX) shares fell after the pier was closed on Tuesday.",
    "Senator Ann Reyes (D) said the repairs would be paid for by the state.",
    "The Port Authority (PA) Board will meet again on Tuesday about the pier.",
]


@pytest.mark.parametrize(("sentence", "story"), STORY_STARTS)
def test_story_starts_after_a_dateline_or_a_glued_caption(sentence, story):
    assert sentence[story_start(sentence) :].startswith(story)


@pytest.mark.parametrize("sentence", WHOLE_SENTENCES)
def test_a_sentence_with_no_dateline_or_caption_is_kept_whole(sentence):
    assert story_start(sentence) == 0
