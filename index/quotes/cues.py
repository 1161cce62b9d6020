"""Word tables for quote attribution: speech cues, titles, role nouns, pronouns, first names.

Kept as data (as textacy keeps its reporting verbs) so that a missed cue is a one-word fix.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def _with_british(words: frozenset[str]) -> frozenset[str]:
    """Add the British "-ise" forms of the verbs ("criticised" beside "criticized")."""
    return words | {word.replace("iz", "is") for word in words if "iz" in word}


# Verbs that introduce speech, in the forms news prose uses beside a quote.
SPEECH_VERBS = _words(
    """
    said says say told tells added adds explained explains asked asks argued argues insisted
    insists noted notes wrote writes tweeted tweets warned warns vowed vows stated states
    declared declares continued continues recalled recalls replied replies responded responds
    answered answers remarked remarks observed observes claimed claims contended contends
    acknowledged acknowledges admitted admits conceded concedes suggested suggests
    added emphasized emphasises emphasizes stressed stresses predicted predicts promised promises
    announced announces complained complains countered counters quipped quips joked jokes
    shouted shouts yelled yells cried cries exclaimed exclaims boasted boasts lamented laments
    mused muses pointed urged urges charged charges alleged alleges testified testifies
    posted posts texted emailed e-mailed wondered wonders agreed agrees disagreed
    reiterated reiterates confirmed confirms denied denies cautioned cautions assured
    assures told reminded reminds began begins concluded concludes summed
    saying telling adding asking arguing insisting noting writing tweeting warning vowing
    explaining declaring claiming suggesting promising announcing complaining
    yelling shouting joking
    pressed presses interjected retorted chanted demanded demands reported reports
    surmised elaborated elaborates questioned advised advises opined opines exhorted riffed
    pleaded implored marveled marvelled scoffed snapped fumed gushed sighed whispered recounted
    recounts proclaimed proclaims explained started
    insist argue claim warn explain admit
    revealed reveals revealing confessed confesses confessing informed informs disclosed
    bragged brags moaned moans grumbled maintained maintains asserted asserts
    reflected reflects commented reasoned speculated echoed echoes interrupted queried inquired
    enquired ventured penned blogged vented ranted captioned messaged begged begs appealed
    raged hissed sobbed screamed gasped beamed enthused enthuses raved raves teased teases
    laughed laughs chuckled smiled grinned muttered murmured stammered bellowed roared
    thundered boomed barked sneered taunted blurted cheered apologised apologized apologises
    chortled chortles giggled giggles cackled snorted howled wailed groaned repeated repeats
    """
)
# Bare plural forms that are cues only right after a quote ('…," reply Smith and Jones'):
# elsewhere they are nouns as often as verbs ("a swift reply", "a resounding answer").
INVERTED_ONLY = _words("reply respond answer add note agree write recall concede")
# Verbs that are speech cues only with their particle ("Trump shot back"; "shot" alone is not).
CUE_PHRASES = frozenset(
    ("shot back", "fired back", "hit back", "pushed back", "snapped back", "wrote back", "chimed in",
     "went on", "goes on", "lashed out", "hit out", "opened up", "spoke out", "weighed in",
     "piped up", "cut in", "points out", "pointed out")
)
# Transcript labels that are stage directions, never speakers ("VIDEO: …", "CROSSTALK: …").
NOT_SPEAKER_LABELS = _words(
    "video audio crosstalk applause laughter music announcer narrator unidentified q a note editor"
)
# Speech verbs that still take a speaker subject in reported speech ("Beck thinks that ...").
REPORTING_VERBS = SPEECH_VERBS | _words("thinks believes believed thought felt feels")
# Verbs that frame a partial quote: Trump called Clinton "crooked", she described it as "a mess".
FRAMING_VERBS = _with_british(SPEECH_VERBS | _words(
    """
    called calls call calling described describes labeled labels labelled dubbed dubs
    branded brands termed terms referred refers praised praises criticized criticizes
    slammed slams blasted blasts attacked attacks accused accuses mocked mocks promised
    pledged pledges vowed decried decries hailed hails dismissed dismisses characterized
    calling describing labeling dubbing branding criticizing attacking accusing urging
    likened likens compared compares tweet
    """
))
# Cue verbs in their bare form, cues only after "to" ("for Trump to tweet that"): else nouns.
INFINITIVES = _words("tweet")
# Words that may stand between a subject and its verb ("Beck also said", "she later told").
ADVERBS = _words(
    """
    also later then again once previously earlier recently has had have would will
    repeatedly often frequently simply flatly bluntly angrily quickly publicly privately
    further additionally separately subsequently initially reportedly allegedly
    """
)
# Words that open a subordinate clause: a cue verb after one is not the main clause's.
SUBORDINATORS = _words(
    "until when whenever after before because while as if since though although unless once whereas"
)
# Words in -ly that are no adverbs, so never skipped between a subject and its verb.
NOT_ADVERBS = _words(
    "family ally rally assembly supply reply belly bully jelly folly homily anomaly monopoly fly"
)
# Titles written before a name; the role is what precedes the name up to the last title word.
TITLES = _words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. rev rev. reverend sen sen. sens. senator rep rep.
    reps. del. representative gov gov. governor president pres. vice gen gen. general lt lt. col col.
    capt capt. sgt sgt. chief judge justice secretary sec. speaker mayor sir dame lord lady
    commissioner director chairman chairwoman chair ceo minister attorney officer sheriff
    superintendent leader whip majority minority congressman congresswoman councilman
    councilwoman councilmember councillor councilor mp ambassador candidate nominee spokesman spokeswoman
    spokesperson adviser advisor strategist manager pollster anchor host professor
    founder executive treasurer pastor coach detective inspector prosecutor lawyer
    chancellor premier constable dci dcs supt insp det captain sergeant
    senior deputy assistant former acting democratic republican presidential
    vice-president dj msp mep mla
    """
)
# Forms of address: they say how to name someone, not what the person does, so never a role.
HONORIFICS = _words("mr mr. mrs mrs. ms ms. miss mx mx. dr dr. sir dame lord lady rev rev.")
# Honorifics that carry a gender.
MALE_TITLES = _words("mr mr. sir lord congressman councilman chairman spokesman father brother")
FEMALE_TITLES = _words(
    "mrs mrs. ms ms. miss dame lady congresswoman councilwoman chairwoman spokeswoman mother sister"
)
# Heads of descriptions that stand for a person ("the police chief", "the senator").
PERSON_NOUNS = TITLES - _words(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. rev rev. sen. sens. rep. reps. del. gov. pres. "
    "gen. lt. col. "
    "capt. sgt. sec. senior deputy assistant former acting democratic republican presidential vice"
) | _words(
    """
    man woman billionaire businessman businesswoman mogul candidate frontrunner front-runner
    politician lawmaker legislator official aide staffer activist organizer voter resident
    supporter critic economist analyst expert author writer journalist reporter columnist
    editor historian scientist researcher doctor nurse teacher student parent father mother
    son daughter wife husband owner official officials businessman star actor actress singer
    rapper comedian veteran agent lawyer attorney spokesperson representative
    solicitor barrister coroner magistrate paramedic neighbour headteacher headmaster
    headmistress landlord landlady pathologist boyfriend girlfriend fiance fiancee fiancé
    fiancée uncle aunt niece nephew cousin widow widower grandson granddaughter stepson
    stepdaughter ex-wife ex-husband
    """
) | _words("boss skipper striker midfielder defender goalkeeper winger co-chairman") | _words(
    "fly-half scrum-half full-back flanker centre-back left-back right-back playmaker keeper "
    "hurdler sprinter athlete cyclist swimmer golfer jockey"
) | _words("correspondent co-star creator frontbencher backbencher delegate inventor co-defendant") | _words(
    "passenger witness coordinator astronaut meteorologist accountant entrepreneur supermodel "
    "footballer worker"
) | _words(
    # the arts and broadcasting, written before a name ("Keane frontman Tom Chaplin")
    "presenter broadcaster frontman frontwoman guitarist drummer bassist vocalist novelist "
    "playwright songwriter singer-songwriter producer designer chef dancer pundit commentator "
    "campaigner film-maker filmmaker icon olympian"
)
# (No word that is also a common surname: "Gary Player", "Adam Driver", "John Legend".)
# Of those, the ones written before a name ("Newcastle boss Graeme Souness") that as a
# description ("the boss believes") are too general to tell whom: often the story's subject
# (where "the golfer", "the striker" is the one the article introduced so).
GENERAL_ROLES = _words("boss skipper icon worker witness passenger athlete sprinter")
# Heads of descriptions that stand for an organization ("the campaign said").
ORG_NOUNS = _words(
    """
    campaign committee department agency company firm group organization organisation
    administration government ministry office commission council board union party
    court statement report paper newspaper network website magazine study poll survey
    spokesperson lawsuit suit release memo letter show
    """
)
# Those who speak for the person named before them: "the Sanders campaign", "the Trump team".
SPEAKING_FOR = _words("campaign team staff lawyers attorneys")
# What speaks for the one who owns it, after a possessive: "Gowdy’s office", "Clinton’s response".
OWNER_VOICES = ORG_NOUNS | SPEAKING_FOR | _words("response slogan")
# Organization nouns that name a document, not who wrote it ("the lawsuit says").
DOCUMENT_NOUNS = _words("statement report paper study poll survey lawsuit suit release memo letter")
# What carries someone's words without saying them: "according to an extract of the article".
CARRIERS = DOCUMENT_NOUNS | _words(
    "extract excerpt article interview transcript book memoir filing document documents "
    "recording video footage email emails post tweet message"
)
# Heads of a described organization that an article also names ("the board" … "Illinois Board
# of Elections", "the fund" … "International Monetary Fund").
ORG_HEADS = ORG_NOUNS | _words(
    """
    fund bank institute university association foundation bureau service network station
    coalition alliance caucus center centre society federation league
    """
)
# Organizations named with a determiner that speak as sources.
ORG_NAMES = _words(
    """
    times post journal tribune globe herald chronicle guardian telegraph independent
    observer economist bbc cnn nbc abc cbs msnbc fox ap reuters afp politico axios blaze
    hill atlantic house pentagon kremlin department committee campaign press news
    league club association federation fc united city foundation institute university trust
    international forces army navy corps police airport airlines airways hospital school
    college academy museum zoo hotel stadium prison motors industries authority bureau
    """
)
MALE_PRONOUNS = _words("he him his himself")
FEMALE_PRONOUNS = _words("she her hers herself")
SUBJECT_PRONOUNS = _words("he she they i we it")
# Capitalized words that start sentences but never names.
NOT_NAMES = _words(
    """
    a an the and but or so yet for nor if then when while after before since because as
    although though however meanwhile still also in on at by to from with without of
    this that these those there here it its he she they we i you his her their our my
    who what where why how which whom whose mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    yes no not now today yesterday tomorrow last next later earlier asked speaking
    according during instead despite including like unlike just even only all some many given
    said says
    is are was were do does did has have had could would should
    most more both each every one two three four five none nobody everyone someone
    breaking update updated watch read related editor note
    critics officials analysts experts observers supporters opponents protesters others
    people residents witnesses authorities sources reports aides voters
    several associates ever seconds minutes hours days weeks months years
    """
)
# Places that stand alone as capitalized words but never speak ("in Aurora, Colorado, … said").
PLACES = _words(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    america europe asia africa china russia mexico canada germany france britain england
    iran iraq syria israel japan india cuba ukraine
    """
)
# Last words of places written after a city ("Columbia, South Carolina"), with PLACES.
STATE_ENDINGS = PLACES | _words("carolina dakota hampshire jersey york island d.c. dc")
# Party and national adjectives: capitalized, but a name only as part of a longer one
# ("Republican National Committee"), never a speaker alone ("Florida-based Republican strategist").
AFFILIATIONS = _words(
    """
    republican democratic democrat independent conservative liberal progressive libertarian
    gop american german french british english chinese russian mexican asian european african
    israeli iranian syrian iraqi muslim christian jewish catholic evangelical latino hispanic
    """
)
# Party words that name the same party ("the GOP nominee" is the "Republican nominee").
PARTY_SYNONYMS = {"gop": "republican", "democrat": "democratic"}
# Words that leave a description's holder unchanged ("the current GOP nominee"); "former" not.
TIMELESS_WORDS = _words("current presumptive")
# Plural titles that open a group of speakers ("Reps. Elijah Cummings and John Conyers").
PLURAL_TITLES = _words("reps. reps sens. sens")
# Kinds of work that name a title written after them ("the show “Cake Boss”", "the book “…”").
WORKS_BEFORE_TITLE = _words(
    "show book program programme series film movie song album broadcast documentary novel "
    "episode podcast column titled entitled record single musical play poem opera"
)
# Nouns that a quoted title modifies before them ("the “Daily Show” host", "the “Remain” campaign").
WORKS_AFTER_TITLE = _words("host show campaign slogan series program anchor")
# Where someone is from, written as a capitalized description ("the Texan said"): a person.
DEMONYMS = _words(
    """
    texan ohioan floridian californian virginian georgian iowan kansan arizonan alaskan
    nebraskan minnesotan michigander vermonter bostonian chicagoan oklahoman coloradan
    brazilian argentine argentinian italian australian colombian portuguese chinese japanese
    belgian croatian serbian nigerian ghanaian egyptian canadian norwegian swede dane scot
    american austrian german russian kenyan ethiopian mexican chilean peruvian cuban jamaican
    korean hungarian romanian bulgarian ukrainian iranian israeli zimbabwean ugandan briton
    """
)
# Words that join capitalized name tokens ("Secretary of State", "Beto de la Cruz").
NAME_JOINERS = _words("of de la del da van von der bin al le st. st")
# The endings that make a name a possessive ("Trump’s remarks", "the Clintons’ foundation").
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
# Words after "'s" that make it "is" or "has", not a possessive: "Christie's been saying".
AFTER_CONTRACTED_S = _words(
    "been got gotten going not never always also already just still a an the very now done "
    "made said told"
)
# Pronouns and the like before "'s", which is then a contraction, never an owner ("it's").
CONTRACTING_WORDS = _words("it he she that there what who here let where")
# Prepositions whose object is no sentence subject ("of Republican claims said" is no subject).
PREPOSITIONS = _words(
    "of for to with about on in by from against than over into among between like at per"
)
# With the rarer ones, for how prominent a mention is ("toward Clinton", "behind Sanders").
ALL_PREPOSITIONS = PREPOSITIONS | _words("toward towards behind beside under after before without")
# Contractions and elisions that begin with an apostrophe ('Cos, rock 'n' roll, the '90s).
ELISIONS = _words("cos cause em n til tis twas twere bout round nuff im s ll re ve d t")
# Common first names, for the gender of a pronoun's antecedent.
MALE_NAMES = _words(
    """
    donald bernie ted marco jeb john chris ben rand mike mitch paul barack joe jim james
    robert michael william david richard charles thomas mark steven steve kevin brian jeff
    jeffrey george tim timothy scott eric jason ryan adam andrew anthony daniel matthew
    gary larry frank jack peter rick rudy newt reince corey sean stephen bill charlie tom
    harry lindsey lindsay martin jerry dennis ron rob bob roger roy ed edward ken kenneth
    greg gregory patrick pat tony alan allen carl keith kyle lee luis jose juan carlos
    marcus nick nicholas sam samuel sergio vladimir xi bashar benjamin hassan recep boris
    al howard dick dan brad bradley jonathan josh joshua justin aaron doug douglas eugene
    jerome raymond walter wayne willie travis trey tucker vincent wolf jake kellen dinesh
    phil philip chuck orrin elijah bobby jimmy johnny terry todd troy ralph russ russell
    glenn henry herman hank harold hugh jared jesse joel jon jonah lou louis mario neil
    norm oliver omar otis ray reid rex ross roberto sheldon simon stanley stuart tyler
    zach zachary irving sterling
    matt norman ronald dean marty tad jorge gene morton lamar sherrod len stu dante xavier
    gavin geoffrey geoff allan craig alexander stefan marc mohamed muhammad ahmed alex andy
    arthur austin barry bernard billy brandon brent brett bruce bryan byron calvin cameron
    carlton cecil chad chester christopher clarence clifford clint cody colin curtis dale
    darrell darren dave derek devin dominic donovan duane dustin dwight earl edgar edwin eli
    elliott emmanuel ernest ethan evan felix francis fred frederick gabriel garrett gerald
    gilbert gordon grant harvey hector herbert ian isaac ivan jacob jeremy jeremiah joey
    joseph julian julio karl kenny kent kirk lance lawrence leon leonard leroy lloyd lucas
    luke manuel marvin mathew max maxwell melvin micah miguel miles milton mitchell mitt
    nathan nathaniel ned nelson noah oscar owen pablo pedro perry preston quentin randall
    randy reggie reginald ricardo rodney roland ronnie rory rufus salvador seth shane shawn
    spencer stan terrence theodore trevor tyrone victor vince wade warren wesley winston
    woodrow rahm beto hakeem cory deval jeh ajit mikhail sergei dmitry abdul hamid ali abu
    """
)
FEMALE_NAMES = _words(
    """
    hillary carly sarah nancy elizabeth kellyanne huma debbie donna jill michelle melania
    ivanka chelsea mary patricia jennifer linda barbara susan margaret jessica karen lisa
    betty helen sandra ashley kimberly emily anna amy rebecca laura kathleen kate katie
    catherine katherine christine christina megyn dana loretta janet kelly kirsten tammy
    claire maxine marsha nikki condoleezza condi madeleine theresa angela marine jane
    julie julia alice ann anne amanda andrea brenda carol caroline cheryl deborah diane
    dianne elaine ellen erin eva grace heather hope irene jackie jacqueline jean joan
    joanne joyce judy judith kay kristen lauren lori lynn maria marie martha maureen
    megan melissa monica natalie nicole paula rachel rose ruth samantha sharon shannon
    sheila stephanie tara teresa tina tracy valerie victoria virginia wendy yvonne zoe
    alexandria ayanna ilhan rashida stacey kamala tulsi amy sally sonia ruth gina jen
    jeanne sophia olivia emma mona renee erica veronica fran angelique jen hannah brianna
    kelli dorothy debra dottie jenna brigid adriana malkia bonnie jillian trish allison dina
    diana christyn mindy mattie bree abigail agnes alicia alison amber angie annie april
    arlene audrey becky beth bethany beverly brittany candace carla carmen carrie cassandra
    cathy cecilia cecile charlotte cindy claudia colleen connie courtney crystal cynthia
    daisy danielle darlene dawn denise dolores doris edith edna eileen eleanor elena elise
    ella esther ethel evelyn faith felicia fiona florence frances gail gabrielle geraldine
    gladys gloria gwen gwendolyn harriet hazel heidi holly ingrid isabel isabella janice
    jeanette jenny joanna jocelyn josephine joy juanita kara karla kathryn kathy katrina
    kayla kristin kristina leah lena leticia lillian lily lois lorraine louise lucia lucy
    lydia marcia margarita marianne marilyn marjorie marla marlene melanie melinda meredith
    mia michele mildred miranda molly nadia nina nora norma olga pam pamela peggy penny
    phyllis priscilla rita roberta rosa rosemary sabrina sara serena sherry shirley sylvia
    tamara tanya tiffany toni vanessa vera vicki vivian wanda whitney yolanda betsy
    kirstjen omarosa sheryl susana jeanine mazie shelley joni deb patty maggie michaela
    melania hope
    """
)
FIRST_NAMES = MALE_NAMES | FEMALE_NAMES  # joined once: a union written in a test is built anew
# Family words that give a first name its person and gender: "Trump's wife, Melania,".
KIN_GENDER = {
    **dict.fromkeys(_words(
        "wife mother daughter sister widow niece aunt grandmother granddaughter stepmother "
        "stepdaughter ex-wife"
    ), "f"),
    **dict.fromkeys(_words(
        "husband father son brother widower nephew uncle grandfather grandson stepfather "
        "stepson ex-husband"
    ), "m"),
}
# The gender a description's head noun gives ("the man said", "the spokeswoman said").
NOUN_GENDER = {
    **KIN_GENDER,
    **dict.fromkeys(_words("woman lady girl girlfriend fiancee fiancée landlady headmistress"), "f"),
    **dict.fromkeys(_words("man gentleman boy boyfriend fiance fiancé landlord headmaster"), "m"),
    **dict.fromkeys(MALE_TITLES, "m"),
    **dict.fromkeys(FEMALE_TITLES, "f"),
}
# Short forms of first names, so that "Bill Clinton" and "William Clinton" are one person.
NICKNAMES = {
    short: full
    for full, shorts in (
        ("william", "bill billy will willie"), ("robert", "bob bobby rob"),
        ("richard", "dick rick ricky"), ("james", "jim jimmy jamie"), ("thomas", "tom tommy"),
        ("michael", "mike mickey"), ("joseph", "joe joey"), ("edward", "ed eddie ted ned"),
        ("theodore", "ted teddy"), ("charles", "chuck charlie"), ("elizabeth", "liz beth betsy"),
        ("margaret", "maggie peggy meg"), ("catherine", "cathy kate katie"),
        ("katherine", "kathy kate katie"), ("susan", "sue suzy"), ("jennifer", "jen jenny"),
        ("patricia", "pat patty trish"), ("patrick", "pat"), ("daniel", "dan danny"),
        ("anthony", "tony"), ("lawrence", "larry"), ("gerald", "jerry"), ("harold", "hal"),
        ("henry", "hank"), ("john", "jack johnny"), ("kenneth", "ken kenny"),
        ("donald", "don donnie"), ("ronald", "ron ronnie"), ("steven", "steve"),
        ("stephen", "steve"), ("nicholas", "nick"), ("andrew", "andy drew"),
        ("alexander", "alex"), ("benjamin", "ben"), ("samuel", "sam"), ("timothy", "tim"),
        ("gregory", "greg"), ("jeffrey", "jeff"), ("douglas", "doug"), ("zachary", "zach"),
        ("rebecca", "becky"), ("deborah", "debbie deb"), ("barbara", "barb"),
        ("christopher", "chris"), ("christine", "chris"), ("frederick", "fred"),
        ("sandra", "sandy"), ("alexandra", "alex sandy"), ("victoria", "vicky tori"),
    )
    for short in shorts.split()
}
