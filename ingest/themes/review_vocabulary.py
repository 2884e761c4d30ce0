"""How a review names its subject: the words a title, a contents heading, a key-findings list
or a statement of the review's focus use for each theme of the coding frame
(../shared/taxonomy/themes.yaml). Written from the frame's definitions, in one place, and
read by ingest/themes/review_level.py.

Patterns are regular expressions matched case-insensitively on whole words. PASSING holds
phrases in which a theme's word is not a topic: generic pairs ("abuse or neglect"), names of
organisations and services, standard review wording.
"""

from __future__ import annotations

import functools
import re

# "a four-month-old", "an 11-week-old", and the same age said the other ways round: "aged five
# months", "six weeks old"
_AGED = (
    r"(?:(?:\w+|\d+)[- ](?:day|week|month)s?[- ]old|aged (?:just |only )?(?:\w+|\d+) "
    r"(?:days|weeks|months)|(?:\w+|\d+) (?:days|weeks|months) old)"
)
_BABY = rf"(?:bab(?:y|ies)|infants?|newborns?|non[- ]mobile|immobile|under[- ]ones?|{_AGED})"
_YOUNG = (
    r"(?:child(?:ren)?|young (?:people|person|men|women)|adolescen\w*|teen\w*|pupils?|"
    r"boys?|girls?)"
)
_MEN = r"(?:men|fathers?|dads?|stepfathers?|step-fathers?|male (?:carers?|partners?)|fatherhood)"
_PARTNER = rf"(?:{_MEN}|(?:(?:the |her |mother(?:'s|’s) )?(?:new )?(?:partner|boyfriend)))"
# The child's own parent or carer (a killing by one of them is physical abuse; by a stranger,
# a sibling or a peer it is not).
_CARER = (
    r"(?:(?:his|her|their|the child(?:'s|’s)|the baby(?:'s|’s)) )?(?:(?:prospective |adoptive |"
    r"foster )?(?:mother|mum|father|dad|parents?|step-?(?:father|dad|mother|mum)|carers?)|"
    r"(?:mother(?:'s|’s)|mum(?:'s|’s)) (?:boyfriend|partner))"
)

# Bones a report names when it tells how a child was hurt ("a fractured skull", "leg fractures")
_BONES = (
    r"(?:skull|ribs?|arms?|legs?|femurs?|wrists?|collar ?bones?|clavicles?|spine|thigh ?bones?|"
    r"tibias?|humerus|elbows?|ankles?|jaw|cheekbones?)"
)

# Drugs a test can find in someone's body
_DRUGS = (
    r"(?:(?:illicit |illegal |class a )?drugs?|cocaine|heroin|cannabis|methadone|opiates?|"
    r"amphetamines?|(?:illicit |controlled )?substances|alcohol)"
)

# A gap word that may be a possessive or a hyphenated name, for phrases whose gap names the
# family member ("accepted the step-father's account", "the role Jo-Ann's father played"). Opt
# in phrase by phrase: elsewhere a possessive gap lets one person's word reach another's ("the
# mother found her daughter's self-harm").
_GAP = r"(?:[\w’'-]+ )"

# Supervision of the staff, not of a child or a carer ("supervision of the teenager", a
# supervision order, a parent's lack of supervision).
_STAFF_SUPERVISION = (
    r"(?<!parental )(?<!adult )(?<!lack of )(?<!inadequate )supervision(?! orders?)"
    r"(?! (?:of|for) (?!(?:\w+ ){0,2}(?:staff|practitioners?|social workers?|workers?|cases?|"
    r"casework|practice|managers?|frontline|professionals?|students?)\b))"
)

SUBJECT_TERMS: dict[str, tuple[str, ...]] = {
    "nai_physical_abuse": (
        r"non[- ]?accidental injur\w*",
        r"(?-i:NAI)",
        r"abusive head trauma",
        r"physical(?:ly)? abus\w*",
        r"shak(?:en|ing) (?:a |the )?" + _BABY,
        rf"(?:bruis\w*|fractures?|injur\w*) (?:\w+ ){{0,3}}(?:in|to|of|on) (?:\w+ )?{_BABY}",
        rf"{_BABY} (?:\w+ ){{0,2}}(?:bruis\w*|fractures?|injur\w*)",
        r"inflicted injur\w*",
        r"(?:serious(?:ly)? )?physical(?:ly)? (?:harm|injur\w*)",
        r"(?:brain|skull|rib|intracranial) (?:injur\w*|bleed\w*|fractures?)",
        r"retinal ha?emorrhag\w*",
        # the standard category of harm a carer causes by fabricating a child's illness
        r"(?:fabricated|fictitious) (?:or|and) induced illness|(?-i:FII)|perplexing presentations?",
        r"head injur\w*",
        # harm implied rather than named: an assault by a carer, injuries under investigation,
        # a plan made for physical abuse
        r"assault\w* (?:\w+ ){0,3}by (?:his|her|their|the) (?:mother|father|parents?|"
        r"step-?father|(?:male )?partner|carer)",
        rf"{_AGED} (?:\w+ ){{0,3}}(?:was |were )?(?:injured|assaulted|hurt|shaken)",
        r"(?:investigations?|enquir\w*) (?:\w+ ){0,2}(?:into|of) (?:\w+ ){0,2}injur\w*",
        r"injur\w* (?:\w+ ){0,4}(?:under|subject to|the subject of) (?:\w+ ){0,2}investigation",
        r"(?:unexplained|suspicious|multiple|suspected non-accidental) injur\w*",
        r"(?:child protection )?plans? (?:\w+ ){0,4}(?:for|under the category of|because of) "
        r"physical (?:abuse|harm)",
        # the case facts a news report gives instead: the child killed by a parent or carer
        # (the offence of causing or allowing a child's death is a household's by definition),
        # a baby shaken, injuries inflicted, fractures found
        r"causing or allowing (?:\w+ ){0,3}death",
        rf"(?:murdered|killed|shaken to death|beaten to death) by {_CARER}",
        rf"{_CARER},? (?:[\w’'-]+,? ){{0,4}}(?:was |were |has been |have been )?(?:convicted|"
        r"found guilty|pleaded guilty|jailed|sentenced) (?:\w+ ){0,3}(?:murder|manslaughter)",
        rf"{_CARER} (?:\w+ ){{0,2}}(?:shook|shaken|killed|murdered) (?:\w+ ){{0,3}}"
        rf"(?:{_BABY}|son|daughter|child|toddler)",
        rf"shook (?:a |the |their |his |her )?{_BABY}",
        r"inflict\w* (?:\w+ ){0,3}injur\w*",
        r"(?:other|multiple|several|numerous) fractures|broken (?:ribs|arms?|legs?|bones)",
        r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|a number of|many) "
        r"(?:\w+ )?fractures",
        rf"injur\w* (?:[\w,]+ ){{0,5}}{_BABY}",
    ),
    "sudi_unsafe_sleep": (
        r"(?-i:SUDI|SIDS|SUDC)",
        r"sudden (?:and )?(?:unexpected|unexplained) deaths? (?:in|of) (?:infancy|infants?|bab\w+)",
        r"sudden infant deaths?",
        r"(?:unexpected|unexplained) deaths? of (?:an? |the )?(?:infants?|bab(?:y|ies))",
        r"sleep(?:ing)? (?:environment|position|practices?)",
        r"co-?sleep\w*",
        r"(?:unsafe|safer?|safe)[- ]sleep\w*",
        r"sleep(?:ing)?[- ]related deaths?",
        r"sleeping arrangements?",
        r"cot deaths?",
        # an infant death recorded without a cause, and the circumstances of unsafe sleep
        r"unascertained",
        r"death (?:\w+ ){0,5}(?:unexplained|undetermined)",
        r"cause of (?:\w+ )?death (?:\w+ ){0,3}(?:not (?:known|established|determined|found)|"
        r"unknown|undetermined)",
        rf"{_BABY} (?:\w+ ){{0,3}}died (?:suddenly|unexpectedly)",
        r"overla(?:y|id|in|ying)|overlying",
        r"found (?:\w+ ){0,2}(?:unresponsive|not breathing|lifeless)",
        r"(?:sofa|settee|bed)[- ]?shar\w*|(?:sharing|shared) (?:a |the )?(?:bed|sofa|settee)",
        r"(?:laid|put|placed|slept|sleeping) (?:\w+ ){0,2}(?:to sleep )?(?:in|on|with) "
        r"(?:the |a |an )?(?:adult bed|sofa|settee|parents?(?:'|’)? bed)",
    ),
    "neglect": (
        r"neglect\w*",
        r"(?:was|were|not) brought to (?:\w+ )?appointments?|(?:was|were) not brought",
        r"(?:poor|unsanitary|squalid|chaotic|dirty|unhygienic) (?:home )?conditions",
        r"home conditions",
        r"(?:lack of|inadequate|without) (?:adult )?supervision|unsupervised",
        r"graded care profile",
        r"(?:basic|physical|health|dental) (?:care )?needs (?:\w+ ){0,2}(?:unmet|not met)",
    ),
    "extra_familial_harm": (
        r"(?:child |criminal |sexual |sexually |online )exploit\w*",
        r"exploitation",
        r"(?-i:CSE|CCE)",
        r"county lines",
        r"gangs?",
        r"knife crime",
        r"serious youth violence",
        r"extra[- ]familial",
        r"outside (?:of )?(?:the |their )?(?:family|home)",
        r"contextual safeguarding",
        r"(?:going|went|goes|gone|reported) missing",
        r"missing (?:from (?:home|care)|episodes?)",
        r"traffick\w*",
        r"national referral mechanism",
        r"grooming|groomed",
        r"online (?:abuse|harm|grooming|safety)",
        r"peer[- ]on[- ]peer|child[- ]on[- ]child|peer (?:abuse|group)",
        r"radicalis\w*|radicaliz\w*",
    ),
    "child_mental_health_suicide": (
        rf"{_YOUNG}(?:'s|’s|s'|s’)? (?:\w+ ){{0,2}}mental (?:ill[- ])?health",
        rf"mental (?:ill[- ])?health (?:needs |problems |difficulties )?(?:of|in|among) {_YOUNG}",
        r"self[- ]harm\w*",
        r"suicid\w*",
        r"self[- ]inflicted",
        r"eating disorders?",
        r"anorexia",
        r"(?-i:CAMHS)",
        r"emotional (?:and mental )?(?:health|wellbeing) of (?:the )?(?:child|young)",
        r"took (?:his|her|their) own li(?:fe|ves)",
        r"(?:child and adolescent|children and young people(?:'s|’s)?) mental health",
        r"psychiatric (?:admission|hospital|unit|ward|in-?patient)",
        r"overdose\w*|ligature",
        r"(?:hanged|killed|strangled) (?:himself|herself|themselves)",
        rf"{_YOUNG} (?:\w+ ){{0,4}}(?:ended|took) (?:his|her|their) (?:own )?li(?:fe|ves)",
    ),
    "domestic_abuse": (
        r"domestic (?:abuse|violence|homicide)",
        r"coercive (?:and )?control\w*",
        r"(?:intimate )?partner (?:violence|abuse)",
        r"(?:violent|abusive|controlling) (?:relationships?|partners?|behaviour)",
        r"clare(?:'s|’s) law",
        r"(?-i:MARAC|DASH|IDVA)",
        # the police log and the plain word for a violent partner
        r"domestic incidents?|violent (?:ex[- ]?)?(?:partner|boyfriend|husband)",
    ),
    "parental_mental_health": (
        r"(?:parent(?:al|s'?|’s)?|maternal|mother(?:'s|’s|s)?|father(?:'s|’s|s)?|carers?'?)"
        r" (?:\w+ ){0,2}mental (?:ill[- ])?health",
        r"mental (?:ill[- ])?health (?:\w+ ){0,2}(?:of|in) (?:the |a |either |both )?"
        r"(?:parents?|mothers?|fathers?)",
        r"mental (?:ill[- ])?health (?:\w+ ){0,3}(?:of|in|among|amongst) "
        r"(?:\w+ ){0,3}(?:parents|mothers|fathers|carers)",
        r"parents? with (?:a )?mental (?:ill[- ])?health",
        r"perinatal mental health",
        r"post[- ]?natal depression",
        r"(?:mother|father|parent)(?:'s|’s|s)? (?:\w+ ){0,6}(?:depress\w*|anxiety|psychosis|"
        r"psychotic|personality disorder|bipolar|schizophreni\w*|(?-i:PTSD)|"
        r"mental (?:ill[- ])?health)",
        r"adult mental health",
        r"maternal (?:depression|mental)",
    ),
    "substance_misuse": (
        r"substance (?:mis)?use",
        r"(?:drug|alcohol)s? (?:and (?:drug|alcohol)s? )?(?:mis)?use",
        r"(?:drugs?|alcohol) (?:and|or) (?:drugs?|alcohol)",
        r"alcohol\w*",
        r"drug (?:dealing|addiction|taking)",
        r"heroin|cocaine|methadone|opiates?",
        # a child found with drugs in the body: the household's drugs
        r"(?:tested|testing|tests?) positive for (?:\w+ ){0,2}(?:drugs|cocaine|cannabis|heroin|"
        r"methadone|opiates?|amphetamines?)",
        r"(?:drugs?|cocaine|cannabis|methadone|heroin|opiates?) (?:\w+ ){0,3}in (?:his|her|their|"
        r"the child(?:'s|’s)|the baby(?:'s|’s)) (?:body|system|blood|urine|hair)",
        r"(?:ingest\w*|swallow\w*) (?:\w+ ){0,3}(?:methadone|cocaine|cannabis|heroin|drugs)",
    ),
    "cannabis": (r"cannabis", r"skunk"),
    "young_parents": (
        r"young (?:parents?|mothers?|fathers?|mums?|dads?)",
        r"teenage (?:parents?|mothers?|fathers?|pregnanc\w*)",
    ),
    "care_leavers": (
        r"care leavers?",
        r"care[- ]experienced",
        r"leaving care|left care|personal advis[eo]rs?",
        r"(?:grew|grown|brought) up in (?:the )?care(?: system)?",
        r"(?:section|s\.?) ?20",
        r"(?:parents?|mothers?|fathers?) (?:who (?:were|had been) )?(?:themselves )?"
        r"(?:looked after|in care)",
    ),
    "parents_childhood_adversity": (
        r"adverse childhood experiences?",
        r"(?-i:ACEs)",
        r"(?:parents?|mothers?|fathers?)(?:'s|’s|s'|s’)? own (?:childhood|experiences?)",
        r"intergenerational|inter-generational",
        r"childhood trauma",
        r"(?:own )?(?:history|experience|experiences) of (?:trauma|abuse|neglect) (?:\w+ ){0,2}"
        r"(?:as a child|in (?:her|his|their) childhood)",
        r"(?:adversity|trauma|abuse|neglect) in (?:her|his|their) (?:own )?childhood",
        r"(?:her|his|their) own (?:history|experiences?) of (?:neglect|abuse|trauma|care)",
        r"(?:adversity|trauma) in childhood|childhood adversity|history of trauma",
    ),
    "poverty_deprivation": (
        r"povert\w*",
        r"depriv\w*",
        r"homeless\w*",
        r"(?:poor|unstable|temporary|overcrowded) (?:housing|accommodation)",
        r"debts?",
        r"financial (?:hardship|difficult\w*|stress)",
        r"rent arrears|food banks?|universal credit|zero[- ]hours",
        r"welfare rights|benefit sanctions?",
        r"(?:housing|financial|money) (?:problems|difficulties|issues|worries|instability)",
    ),
    "infant_crying": (
        r"(?:infant|baby|babies)(?:'s|’s)? crying",
        r"coping with crying",
        r"(?-i:ICON)",
    ),
    "race_ethnicity_culture": (
        r"racis\w*",
        r"\brace\b",
        r"racial\w*",
        r"ethnicity (?:and|in|of|as)",
        r"cultur(?:e|al) (?:and|or) (?:faith|religion|identity|ethnicity)",
        r"(?:cultural|racial|ethnic|religious) (?:identity|competence|background|issues?|needs)",
        r"faith (?:and|or) culture",
        r"gypsy|roma\b|travell?ers?",
        r"interpreters?",
        r"language barriers?",
        r"(?:english|first language) (?:\w+ ){0,3}not (?:\w+ ){0,2}first language",
        r"faith (?:communit\w*|leaders?|groups?)|religious (?:beliefs?|practices?)",
        r"black (?:and )?(?:minority|asian|children|boys|families)",
        r"(?-i:BAME|BME)",
    ),
    "disability_health_needs": (
        r"disabilit\w*",
        r"disabled",
        r"deaf\w*",
        r"(?-i:SEND|SEN|EHCP)",
        r"special educational needs",
        r"learning difficult\w*",
        r"(?:complex|additional) (?:medical |health )?needs",
        r"autis\w*",
        r"developmental delay",
        r"prematur\w*|born prematurely",
        r"medical cause of death|chronic condition",
        r"cerebral palsy|wheelchair|special school|short breaks|dyslexi\w*",
        r"children with disabilities|education,? health and care plan",
        r"neonatal unit|born at \d+ weeks",
        r"(?:complex|additional) (?:medical|health|care) needs",
    ),
    "hidden_men": (
        rf"(?:invisible|hidden|unseen|absent) {_MEN}",
        rf"{_MEN} (?:\w+ ){{0,5}}(?:not|never|rarely) (?:\w+ ){{0,2}}"
        r"(?:seen|included|considered|assessed|engaged|known|involved)",
        rf"(?:engag\w*|involv\w*|includ\w*|assess\w*|work\w* with) (?:\w+ ){{0,2}}{_MEN}",
        rf"{_MEN} (?:and|or|/) (?:male partners?|men)",
        r"men in (?:(?:the|a|their|these|those|such|many|some) )?"
        r"(?:child(?:ren)?(?:'s|’s)? li(?:fe|ves)|famil(?:y|ies)|households?)",
        # mothers seen or heard rather than the men: the men are the ones overlooked
        r"mothers? (?:\w+ ){0,8}(?:over|rather than|than|not) (?:\w+ ){0,3}(?:fathers|men)",
        # the frame's "not seen, known, engaged, assessed or recorded by services"
        rf"{_PARTNER} (?:\w+ ){{0,4}}(?:was|were) (?:\w+ )?"
        r"(?:invisible|unknown|not known|not recorded)",
        rf"{_PARTNER}(?:'s|’s)? (?:\w+ ){{0,4}}(?:were|was) (?:never |not )"
        r"(?:recorded|asked|assessed|"
        r"seen|invited|spoken to|met)",
        r"(?:nobody|no one|no professional|no practitioner) (?:\w+ ){0,2}(?:asked|spoke to|met|saw|"
        r"assessed) (?:him|the father|the (?:male )?partner|the boyfriend)",
        # a man in the household services did not know of or assess, in plain words
        r"(?:unknown|unidentified|unnamed) (?:male|man|men|partner|boyfriend)s?",
        r"significant (?:males?|men)|voices? of (?:the )?(?:fathers?|men)",
        r"(?:unaware|not aware|did not know|didn’t know)\W+(?:[\w,’']+\s+){0,8}"
        r"(?:another|a new|new) (?:partner|boyfriend)",
    ),
    "over_focus_on_mothers": (
        r"(?:focus|emphasis|reliance) (?:\w+ ){0,3}(?:on|upon) (?:the )?mothers?",
        r"mothers? (?:were |was )?(?:expected|(?:held|seen as|made) (?:\w+ )?responsible|solely)",
        r"views of mothers",
        r"(?:organised|arranged|built|designed) around (?:the )?mothers?",
        r"(?:given|directed|offered) (?:\w+ ){0,2}(?:only |entirely |almost entirely )?to "
        r"(?:the )?mothers?",
        r"(?:services|support|work) (?:\w+ ){0,3}(?:focused|centred|directed) (?:on|at) "
        r"(?:the )?mothers?",
    ),
    "information_sharing": (
        r"information[- ]sharing",
        r"shar(?:e|ed|ing) (?:of )?(?:information|intelligence)",
        r"information (?:was |is |were )?(?:not )?(?:shared|passed on|exchanged)",
        r"record[- ]keeping|records? (?:not )?shared",
        r"communication between (?:agencies|professionals|services)",
        r"information (?:known|held) (?:across|by|between|within)",
        r"(?:gather\w*|bring\w* together|pool\w*) (?:all )?(?:the )?(?:relevant )?information",
        r"communicat\w* (?:between|across|with other) (?:the )?"
        r"(?:agencies|professionals|services|partners)",
        r"(?:inter|multi)[- ]agency (?:communication|liaison)|liais\w* between",
        r"(?:pass|passed|passing) on (?:\w+ ){0,3}(?:information|concerns|what)",
        r"data protection|consent to share|self[- ]report\w*",
        r"(?:poor|lack of|inadequate|inconsistent|incomplete) "
        r"(?:record(?:ing|s|-keeping)|documentation)",
        r"what was known (?:to|by) (?:other )?(?:agencies|professionals|services)",
        r"(?:information|concerns|intelligence) (?:\w+ ){0,4}(?:shared|sought|passed on|exchanged)",
        r"shar(?:e|ed|ing) (?:\w+ ){0,4}(?:with|between|across) (?:the |other )?(?:police|agencies|"
        r"professionals|services|health|school|social care|GP)",
        r"(?:held|holding) (?:\w+ ){0,2}information",
        r"(?:not |un)known to (?:the )?(?:\w+ ){0,2}"
        r"(?:professionals?|agenc\w+|midwi\w+|health visitors?|"
        r"GPs?|social workers?|police|schools?)",
        r"did not (?:refer|share|pass on|inform|notify)",
        r"shared (?:chronology|record|care record)",
        r"(?:records?|(?:IT|record|recording) systems?) (?:\w+ ){0,2}(?:do|did) not "
        r"(?:link|talk|connect)",
        r"(?:not|never) (?:\w+ )?(?:told|informed|made aware|notified)",
        r"(?:ignored|overlooked|missed|lost) (?:\w+ ){0,2}(?:crucial |key |important |relevant |"
        r"vital )?(?:information|intelligence|warnings?|referrals?)",
        r"joined[- ]up|(?:worked|working|work) in (?:isolation|silos?)",
        r"(?:piec\w*|put\w*|join\w*) (?:\w+ ){0,2}together (?:\w+ ){0,3}(?:information|picture)",
        r"communication (?:failures?|breakdowns?|gaps?)|(?:poor|lack of|failures? (?:of|in)|"
        r"inadequate|ineffective) communication",
        r"(?:seek\w*|sought|request\w*|obtain\w*) (?:\w+ ){0,3}(?:information|records|history)",
        r"(?:referrals?|reports?|concerns) (?:\w+ ){0,3}(?:were |was )?not (?:passed|forwarded|"
        r"sent|relayed)",
        r"(?:agencies|professionals|services) (?:\w+ ){0,3}(?:knew|held|had) (?:\w+ ){0,3}"
        r"(?:information|concerns|pieces?)",
        r"(?:recorded|recording|records?) (?:\w+ ){0,3}(?:not|poor|inaccurate|incomplete|"
        r"inconsistent|missing)",
        # the picture no agency assembled
        r"(?:intelligence|data)[- ]sharing",
        r"(?:collat\w*|join\w* up|piec\w* together) (?:\w+ ){0,3}(?:information|evidence|picture)",
        r"(?:information|evidence)(?:\W+\w+){0,4}\W+not (?:been )?\W?put together",
        r"communication (?:\w+ ){0,2}between (?:\w+ ){0,3}(?:agencies|professionals|services|"
        r"practitioners|teams|midwives|health visitors)",
        r"exchange of information|information exchange",
    ),
    "professional_curiosity": (
        r"professional curiosity",
        r"curiosity|curious",
        r"disguised compliance",
        r"(?:professional|respectful|healthy|constructive) challenge",
        r"challeng\w* (?:each other|other (?:professionals|agencies)|decisions|the family|parents|"
        r"assumptions|views|accounts)",
        r"(?:hard|difficult|unable|reluctant|failure|failed|fail) to (?:be )?challeng\w*",
        r"(?:did not|didn't|not) challeng\w*",
        r"challenged|challenging (?!behaviour)\w+|challenge (?:to|from|between|by)",
        r"professional (?:disagreements?|differences?)|assumptions? (?:were|was|about|that)",
        r"over[- ]optimis\w*|optimis\w*",
        r"(?:critical|respectful) (?:thinking|uncertainty)",
        r"think(?:ing)? the unthinkable",
        rf"accept\w* {_GAP}{{0,3}}(?:accounts?|explanations?|narratives?|versions?|at face value)",
        r"at face value",
        r"normalis\w*|normaliz\w*",
        r"prob(?:e|ed|ing) (?:further|deeper|more)",
        r"(?:ask|asked|asking) (?:the )?(?:right|difficult) questions",
        r"tunnel vision",
        r"escalat\w*",
        r"(?:professional |healthy )?scepticism|skepticism",
        r"(?:resistant|hostile|uncooperative|non-engaging|reluctant) (?:families|parents|carers)",
        r"non-engagement|disengag\w*",
        r"(?:did not|didn't|not|failed to) (?:question|explore|probe)\w*",
        r"question\w* (?:the )?(?:parents?|mother|father|family|explanations?|accounts?)",
        r"start again syndrome|fixed thinking|confirmation bias",
        # the frame's accepting a family's narrative and reliance on self-report
        r"reliance (?:\w+ ){0,2}on (?:the )?(?:\w+(?:'s|’s|s'|s’) )?(?:own )?"
        r"(?:accounts?|self-report\w*|word)",
        r"(?:nobody|no one|no professional|no practitioner) (?:\w+ ){0,2}(?:checked|questioned|"
        r"verified|asked)",
        r"not (?:\w+ )?(?:followed up|verified|checked|explored)",
        r"unannounced(?! inspections?)",
        rf"(?:believ\w*|trust\w*|accept\w*|reassur\w*) {_GAP}{{0,3}}(?:explanations?|accounts?|"
        r"assurances?|story|stories|version|word)",
        r"(?:explanations?|accounts?|assurances?) (?:\w+ ){0,3}(?:were |was )?(?:accepted|"
        r"believed|not (?:questioned|challenged|tested|verified|checked|probed))",
        r"(?:signs|warning signs|red flags|indicators) (?:\w+ ){0,5}(?:missed|overlooked|"
        r"not (?:recognised|noticed|picked up|acted))",
        r"(?:reluctan\w*|hesitan\w*|afraid|unwilling) to (?:\w+ ){0,2}(?:challenge|question|ask)",
        r"(?:challenge|challenging|question\w*) (?:\w+ ){0,2}(?:a |the )?managers?(?:'s|’s)? "
        r"(?:decision|view)",
        r"(?:taken|took|take) (?:\w+ ){0,3}at (?:their |her |his )?word",
        # (not the stock "to minimise the risk of it happening again")
        r"minimis\w*(?! (?:the |any )?(?:risks?|likelihood|chances?|possibility|recurrence|"
        r"impact|disruption|delay))|downplay\w*|explain\w* away",
        r"unquestioning\w*|uncritical\w*",
        r"(?:without|no|little) (?:\w+ ){0,2}(?:questioning|scrutiny)",
        r"apparent (?:co-?operation|compliance|engagement)|(?:appeared|seemed) to "
        r"(?:co-?operate|engage|comply)",
        r"(?:seen|viewed|treated|dismissed|explained|regarded) as "
        r"(?:normal|typical|ordinary|usual)",
        r"(?:look|looking|looked) (?:\w+ ){0,2}(?:behind|beneath|below the surface)",
        r"(?:explanations?|accounts?) (?:\w+ ){0,4}(?:inconsistent|did not (?:fit|match)|"
        r"implausible)",
        r"reassured by",
        # accepting what the family said without checking it
        r"rel(?:y|ied|iance|ying) (?:\w+ ){0,3}on (?:\w+ ){0,2}(?:self[- ]report\w*|"
        r"(?:mother|father|parent|carer)s?(?:'s|’s|s'|s’) (?:\w+ )?"
        r"(?:accounts?|word|explanations?|assurances?))",
        r"misled (?:\w+ ){0,2}(?:professionals|practitioners|agencies)",
        r"(?:checking|scrutiny|analysis) and challenge|critical (?:analysis|thinking)",
        r"(?:discuss\w*|shar\w*|form\w*|test\w*|consider\w*) (?:\w+ ){0,2}hypothes[ie]s",
        r"(?:over-?reliance|rel(?:ied|y|ying|iance) (?:too )?(?:much|heavily|solely)) on "
        r"(?:the )?(?:\w+ )?(?:mother|father|parent|carer)s?",
        r"(?:little|no|lack of|insufficient|limited) (?:professional )?challenge",
    ),
    "think_family": (
        r"think family",
        r"adult[- ](?:facing|focused) services",
        r"(?:parents?|adults?) as (?:clients|patients|service users)",
        r"whole[- ]family",
        r"young carers?",
        r"hidden harm",
        r"adult (?:mental health |substance misuse |drug and alcohol |treatment )?services",
        r"gap between (?:adult|adults)|(?:treated|seen) as an adult matter",
        r"(?:role|roles) as (?:a )?parents?",
        r"(?:behaviour|needs|problems|difficulties) of (?:the )?"
        r"(?:parents|family members|adults|carers) (?:\w+ ){0,3}"
        r"(?:affects?|affected|impacts?|impacted|effects? on|impact on)",
        r"whole[- ]family (?:approach|working|assessment)",
        r"adult (?:and|&) child(?:ren)?(?:'s|’s)? services",
        r"adults? services? (?:and|&) child(?:ren)?(?:'s|’s)? services?",
        r"(?:services|support) (?:\w+ ){0,3}(?:for|to meet) (?:the )?(?:adults?|parents?)"
        r"(?:'s|’s)? (?:own )?needs",
        r"(?:between|across|bridging) (?:the )?adults?(?:'|’)? and children(?:'s|’s)? services",
        r"(?:needs|problems|difficulties) of (?:the )?(?:adults|parents) (?:\w+ ){0,4}(?:over|"
        r"before|rather than|instead of) (?:\w+ ){0,3}child",
        r"famil(?:y|ies) as a whole|whole of the family",
        r"(?:needs|problems|difficulties|vulnerabilit\w*) (?:\w+ ){0,3}(?:of|in) (?:the )?"
        r"(?:whole )?(?:family|household)",
        r"adults? (?:\w+ ){0,2}(?:services|workers|practitioners) (?:\w+ ){0,6}"
        r"(?:children|child|parent\w*)",
        r"(?:probation|drug|alcohol|substance misuse|adult mental health|addiction|treatment) "
        r"(?:services?|workers?|teams?|officers?|providers?) (?:\w+ ){0,6}(?:as (?:a )?parents?|"
        r"(?:had|with) (?:children|a baby|a child))",
    ),
    "risk_assessment": (
        r"(?:risk )?assessments?",
        r"assessing",
        r"thresholds?",
        r"pre-?birth",
        r"(?:child protection|care|safety|safeguarding|multi-agency|child[- ]in[- ]need) "
        r"(?:planning|conferences?)",
        r"decision[- ]making",
        r"strategy (?:meetings?|discussions?)",
        r"(?:placed|put|subject) (?:\w+ ){0,2}(?:on|to) (?:a )?child protection (?:plan|register)",
        r"assessments? (?:\w+ ){0,3}(?:of|into) (?:\w+ ){0,2}(?:risk|needs|parenting|capacity)",
        # a risk or its impact nobody assessed or recognised, in plain words
        r"(?:not|never|failed to|did not|didn’t) (?:\w+ ){0,2}(?:assess\w*|identif\w*|"
        r"recogni[sz]\w*|understand\w*) (?:\w+ ){0,5}(?:risks?|dangers?)",
        r"(?:impact|effects?|risks?|dangers?|concerns?)(?: on| to| of)? (?:\w+ ){0,4}"
        r"(?:was|were) not (?:\w+ )?(?:assessed|identified|recognised|understood|substantiated)",
        r"risks? posed by|assess\w* (?:\w+ ){0,2}dangers?",
        r"assess\w* (?:\w+ ){0,5}as (?:an? )?\W?(?:high|medium|low)[- ]risk",
    ),
    "supervision_workforce": (
        _STAFF_SUPERVISION,
        r"management oversight|managerial oversight",
        r"workforce",
        r"caseloads?",
        r"(?:staff|multi-agency|practitioner) training|training (?:of|for) (?:staff|practitioners)",
        r"leadership",
        r"organisational (?:context|culture)",
        r"staff(?:ing)? (?:shortages|turnover|capacity)",
        r"workloads?|vacanc(?:y|ies)|agency staff",
        r"reflective (?:practice|supervision)",
        r"under[- ]resourced|resourcing|(?:lack of|limited|insufficient|reduced|scarce) resources",
        r"waiting (?:times?|lists?)",
        r"(?:service|team|staff(?:ing)?) capacity|capacity (?:of|in) (?:the )?(?:services?|teams?)",
        r"vacan(?:t|cy|cies)",
        r"changes? (?:of|in) (?:the )?(?:social workers?|practitioners?|staff|workers?)",
        r"practitioners?(?:'|’)? (?:anxiety|fear|confidence|wellbeing|resilience)",
        r"(?:lack of|no|insufficient|limited|inadequate|little) (?:\w+ )?training",
        r"(?:un|in)(?:trained|experienced)|not trained|newly qualified|inexperience\w*",
        r"recruit\w*|retention|staff(?:ing)? (?:shortages?|levels|changes|problems|pressures)|"
        r"(?:high )?turnover (?:of|in) (?:\w+ )?(?:staff|social workers|practitioners)",
        r"(?:service|organisational|resource|budget|financial|workload) "
        r"(?:pressures|constraints|cuts)",
        r"austerity|restructur\w*|reorganis\w*|service design|"
        r"commission(?:ed|ing) (?:of )?services",
        r"(?:manager|managers|management)(?:'s|’s)? (?:decisions?|grip|scrutiny|sign[- ]off|"
        r"direction)",
        r"(?:pressures?|demands?) (?:on|facing) (?:\w+ ){0,2}(?:staff|practitioners|social workers|"
        r"services|teams)",
        # what the work asks of the people doing it
        r"(?:pressures?|demands?|challenges|difficulties|dilemmas|strains?) (?:\w+ ){0,4}"
        r"(?:faced|felt|experienced|met) by (?:the )?(?:\w+ )?(?:staff|practitioners|professionals|"
        r"social workers|workers|the workforce|frontline)",
        r"(?:support|supporting) (?:for )?(?:practitioners|staff|the workforce|social workers)",
        r"(?:allocated|allocation) (?:\w+ ){0,3}(?:worker|social worker|case)|unallocated",
        r"(?:oversight|scrutiny) (?:by|from|of) (?:\w+ ){0,2}(?:managers?|seniors?)",
        # a service under pressure
        r"(?:budget|funding|resource) (?:cuts?|pressures?|concerns?)|cuts? (?:\w+ ){0,4}budgets?",
        r"under[- ]strain|over-?stretched|overworked|staff(?:ing)? shortages",
        r"high (?:staff )?turnover",
        r"less (?:qualified|experienced) staff",
    ),
    "voice_of_child": (
        r"voices? of (?:the )?(?:child|children|young people|young person)",
        r"child(?:ren)?(?:'s|’s|s'|s’)? voices?",
        r"lived experience",
        r"(?:child(?:ren)?(?:'s|’s)?|daily) (?:\w+ ){0,1}experiences? of (?:living|life|daily)",
        r"wishes and feelings",
        # (not a child named by a letter: "the inquest heard Child A had ...")
        r"hear(?:ing|d)? (?:the )?(?:child(?! (?-i:[A-Z]{1,2})\b)|children|"
        r"young (?:people|person))",
        r"what (?:the )?(?:child|children|young (?:people|person)) (?:said|says|say|told)",
        rf"(?:{_YOUNG}|bab(?:y|ies)|toddlers?|infants?)(?:'s|’s|s'|s’)? "
        r"(?:views|wishes|daily li(?:fe|ves)|day-to-day)",
        r"(?:seen|heard) and (?:heard|seen)",
        r"perspective of the child|child(?:'s|’s) perspective",
        r"engag\w* (?:with )?(?:the )?(?:child|children|adolescents?|young (?:people|person))",
        r"child[- ](?:focused|centred) (?:practice|approach|work)",
        r"listen\w* to (?:the )?(?:child|children|young (?:people|person))",
        r"(?:child|children|young (?:person|people)|him|her) (?:\w+ ){0,3}(?:seen|spoken to) alone",
        r"what (?:life|daily life) was like for",
        r"direct work with (?:the )?(?:child|children|young)",
        r"(?:spoken|talked|spoke|talk|speak) (?:to|with) (?:the )?(?:child|children|young person|"
        r"him|her) (?:\w+ ){0,2}(?:alone|directly|on (?:his|her|their) own)",
        r"(?:child|children|young person)(?:'s|’s)? (?:perspective|point of view|feelings|wishes)",
        # a child nobody saw or listened to
        r"invisible to (?:\w+ ){0,2}(?:services|professionals|agencies|practitioners)",
        r"invisible child(?:ren)?",
        r"(?:no ?one|nobody|anyone) (?:\w+ ){0,2}listen(?:ed|s|ing)?",
        r"engag\w* with and \w+ (?:the )?(?:child|children|young (?:people|person))",
        # the adults' wishes put before the child's
        r"rather than (?:on |to )?(?:the |his |her )?(?:child|children|baby|young person|boy|girl|"
        r"toddler|infant)(?:'s|’s|s'|s’)? "
        r"(?:needs|interests|welfare|experiences?)",
    ),
    "education": (
        r"home[- ]educat\w*|home[- ]school\w*",
        r"(?:role|roles) of (?:the )?schools?|education (?:staff|settings?|providers?)",
        r"missing (?:from )?education",
        # (not attendance at appointments, a clinic or a meeting)
        r"(?:school|education|educational|college|nursery|poor|low|irregular|erratic|good|full|"
        r"his|her|their|[\w-]+(?:'s|’s)) attendance(?! at (?!school|nursery|college))|"
        r"attendance (?:at|in) (?:school|nursery|college)|attendance (?:officers?|teams?|"
        r"services?|approach\w*|polic\w+|figures|rates?|levels|records|concerns|problems|issues|"
        r"(?:was|were|had) (?:\w+ )?(?:poor|low|good|falling|fell|dropped|declined|improved))|"
        r"alternative provision",
        r"(?:school )?exclusions?",
        r"(?-i:NEET)",
        r"school attendance|not in school|absen(?:ce|t) from school",
    ),
    "covid_19": (
        r"covid(?:-19)?",
        r"coronavirus",
        r"pandemic",
        r"lockdowns?",
        r"(?:remote|virtual|video) (?:working|visits?|contacts?|calls?|appointments?|reviews?)",
        r"social distancing|self[- ]isolat\w*|schools closed",
    ),
}

# Other words for each theme's ideas, written from the coding frame's definitions as families
# of synonyms and word orders a reviewer or a reporter uses for the same thing (a home "filthy"
# as well as "squalid", "inquisitive" as well as "curious", the signs that were missed as well
# as the missed signs). Read with SUBJECT_TERMS, in running text as in headings.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "neglect": (
        r"(?:poor|unsanitary|squalid|chaotic|dirty|filthy|unclean|unhygienic|unsafe|cluttered|"
        r"unfit|appalling) (?:home |living |housing )?(?:conditions|state|environment)",
        r"malnutrition|malnourish\w*|undernourish\w*|emaciat\w*|starv(?:ed|ing|ation)",
        r"(?:vitamin|nutritional|dietary) deficienc\w*|failure to thrive|"
        r"faltering (?:growth|weight)",
        r"(?:poor|lack of|inadequate) (?:personal |physical )?(?:hygiene|nutrition)",
        r"(?:unmet|neglected) (?:\w+ ){0,2}(?:health|medical|dental|hygiene|emotional|physical|"
        r"basic|care) needs",
        r"(?:not|never|rarely|seldom|inadequately) (?:properly |adequately |regularly )?"
        r"(?:fed|washed|clothed|bathed)(?! (?:back|in|into|through|up))",
        r"(?:severe|untreated|extensive) (?:nappy rash|head lice|tooth decay|dental decay)",
        r"(?:faeces|excrement|urine|rubbish|dog mess)[- ](?:covered|strewn|soaked|filled)|"
        r"(?:covered|strewn|soaked|smeared) (?:\w+ ){0,2}(?:faeces|excrement|urine)",
    ),
    "sudi_unsafe_sleep": (
        r"asphyxi\w*|suffocat\w*",
        r"(?:unexplained|unexpected|sudden) (?:\w+ )?(?:infant|baby) deaths?",
        r"(?:inappropriate|unsafe|soft|loose|adult|excess(?:ive)?) bedding",
        r"found (?:\w+ ){0,2}unconscious (?:in|on) (?:\w+ ){0,2}(?:pram|cot|bed|sofa|settee|"
        r"moses basket|car seat|bouncer)",
        r"(?:head|face) (?:\w+ ){0,3}(?:fell|slumped|tipped) (?:forwards?|down)|"
        r"(?:restrict\w*|block\w*|obstruct\w*) (?:\w+ ){0,2}airways?",
    ),
    "nai_physical_abuse": (
        r"(?:died|death|dying) (?:\w+ ){0,6}(?:after|from|of|following) (?:\w+ ){0,2}"
        r"(?:suffering |sustaining )?(?:\w+ ){0,2}injuries",
        # (not the statutory definition of a serious case: "a serious or life-threatening injury")
        r"(?:suffer\w*|sustain\w*) (?:\w+ ){0,3}(?:severe|fatal|catastrophic|multiple|horrific|"
        r"significant|extensive|non[- ]accidental|inflicted) (?:\w+ )?injuries",
        r"(?:stamped|beaten|battered|kicked|punched|smothered|strangled) to death",
        rf"(?:death|died|killed|injured|harmed|abused) at the hands of (?:\w+ ){{0,2}}{_CARER}",
        rf"(?:beat|beaten|hit|punched|kicked|slapped|assaulted|attacked|bitten|burned|scalded) "
        rf"(?:\w+ ){{0,3}}by {_CARER}",
    ),
    "child_mental_health_suicide": (
        r"social,? (?:emotional|mental),? (?:and |or )?(?:emotional|mental) health|(?-i:SEMH)",
        r"attempt\w* (?:to )?(?:take|end) (?:his|her|their) (?:own )?li(?:fe|ves)",
        r"(?:found )?hanged|hanging (?:himself|herself|themselves)",
        rf"{_YOUNG}(?:'s|’s|s'|s’)? (?:\w+ ){{0,2}}(?:depression|anxiety|low mood|"
        r"emotional (?:wellbeing|well-being|distress|difficulties))",
    ),
    "extra_familial_harm": (
        r"(?:technology|internet|online|tech|digital|web)[- ](?:assisted|facilitated|based|"
        r"enabled|related) (?:\w+ )?(?:abuse|harm|exploitation|offending|grooming)",
        r"sexting|sextortion|indecent (?:images|photographs|pictures)",
        rf"(?:stabb\w*|knife attack|shooting) (?:of )?(?:an? |the )?(?:1[0-9][- ]year[- ]old|"
        rf"teen\w*|{_YOUNG})",
        rf"(?:1[0-9][- ]year[- ]old|teen\w*|{_YOUNG}) (?:\w+ ){{0,3}}(?:was|were|been|being) "
        r"(?:stabbed|shot|attacked by (?:a )?(?:group|gang))"
        r"(?! by (?:his|her|their|the child(?:'s|’s)) "
        r"(?:own )?(?:half-?|step-?)?(?:brother|sister|sibling|mother|father|parent|mum|dad|"
        r"uncle|aunt|cousin|grand\w+|partner))",
        r"youth violence|(?:carry\w*|carried) (?:a )?(?:knife|knives|weapons?)",
        r"(?:was|were|being|been|became) (?:\w+ )?(?:criminally |sexually )?exploited",
        # abuse by adults the child met through a school, a club, a church or a youth group
        r"(?:sexual )?(?:abuse|offences?|offending) (?:\w+ ){0,2}by (?:\w+ ){0,3}"
        r"(?:connected (?:to|with)|linked to|associated with|known through|"
        r"known to (?:\w+ )?through|attached to|"
        r"working (?:in|at|with)|employed (?:at|by)|volunteering (?:at|with)|at|in) (?:a |the )?"
        r"(?:\w+ ){0,2}(?:schools?|clubs?|churche?s?|youth (?:groups?|clubs?|organisations?)|"
        r"sports? (?:clubs?|teams?))",
        r"(?:teachers?|coach(?:es)?|youth workers?|volunteers?|(?:school )?staff members?|"
        r"(?:youth|sports?) leaders?) who (?:\w+ ){0,2}(?:abused|groomed|offended|assaulted)",
    ),
    "domestic_abuse": (
        r"perpetrator programmes?|(?:violent|abusive) (?:partners?|men) (?:\w+ ){0,3}programmes?",
        r"violence between (?:the )?(?:adults|parents|partners|couple|mother and father)",
        r"(?:man|partner|father|boyfriend|husband|stepfather) who had (?:\w+ ){0,3}(?:abused|"
        r"assaulted|attacked|hit|beaten|threatened|strangled) (?:his|a|the|her) (?:\w+ )?"
        r"(?:mother|partner|wife|girlfriend|ex[- ]?partner|ex[- ]?girlfriend|ex[- ]?wife)",
        r"(?:violent|abusive|volatile|turbulent|controlling) (?:\w+ )?relationship",
    ),
    "professional_curiosity": (
        r"inquisitiv\w*|(?:inquiring|enquiring|questioning) (?:minds?|approach|stance)",
        r"missed (?:\w+ ){0,2}(?:signs|warning signs|red flags|indicators|clues)",
        r"(?:listen\w*|believ\w*|accept\w*|rel(?:y|ied|ying)) (?:\w+ ){0,2}(?:to |on )?what "
        r"(?:the )?(?:mother|father|parents?|carers?|family|mum|dad) (?:had )?(?:said|told|say|"
        r"says|reported|claimed)",
        r"(?:did not|didn’t|didn't|failed to|not) (?:\w+ ){0,2}(?:look|dig|probe|ask|see) "
        r"(?:\w+ ){0,2}(?:deeper|further|beyond|behind|beneath)",
    ),
    "hidden_men": (
        r"(?:little|no|lack of|limited|poor|insufficient) (?:\w+ )?(?:recognition|understanding|"
        r"knowledge|assessment|consideration) of (?:the )?(?:role|roles|risks?|presence) "
        rf"{_GAP}{{0,6}}(?:fathers?|men|partners?|boyfriends?|males?)",
    ),
    "over_focus_on_mothers": (
        r"(?:records?|files?) (?:\w+ ){0,3}only (?:\w+ ){0,2}(?:the )?mothers?",
        r"(?:manage|report on|protect (?:\w+ ){0,2}from) (?:\w+ ){0,3}(?:the )?men in "
        r"(?:her|their) li(?:fe|ves)",
        r"(?:focus\w*|concentrat\w*|centred) (?:(?:almost|far|much|very) )?(?:too much|"
        r"too heavily|mainly|solely|largely|primarily|only|entirely|exclusively|heavily) "
        r"(?:up)?on (?:\w+ ){0,4}"
        r"mothers?",
    ),
    "parental_mental_health": (
        rf"{_CARER}(?:'s|’s)? (?:\w+ ){{0,3}}(?:anger[- ]management|emotional (?:dys)?regulation|"
        r"suicid\w*|self[- ]harm\w*|overdose\w*)",
    ),
    "young_parents": (
        r"(?:mother|father|parents?|mum|dad)s? (?:who (?:was|were) )?(?:still |themselves )?"
        r"(?:a |both )?teenagers?",
        r"(?:1[3-9])[- ]year[- ]old (?:mother|father|mum|dad|parents?)",
        r"(?:child|baby|son|daughter|infant) of an? (?:1[3-9])[- ]year[- ]old",
        r"(?:mother|father|mum|dad) (?:was |were )?(?:only |just )?(?:aged )?1[3-9](?: years old)?"
        r" (?:when|at the time)",
    ),
    "poverty_deprivation": (
        r"worklessness|(?:low|no) income|money worries|cost of living|"
        r"(?:could not|couldn’t|couldn't|unable to|struggl\w* to) afford",
    ),
    "race_ethnicity_culture": (
        r"(?:record\w*|monitor\w*|data on) (?:of )?(?:\w+ )?(?:ethnicity|ethnic origin)",
    ),
    "covid_19": (
        # contact cut back by the rules of the time, not a contact that stopped in one case
        r"(?:restrictions|social distancing|shielding|(?:national|government) guidance)\b"
        r"[^.;]{0,80}?"
        r"(?:reduced|limited|no|fewer|less|lack of) face[- ]to[- ]face (?:contact|visits?|work\w*|"
        r"appointments?|meetings?)",
        r"(?:reduced|limited|fewer|less|lack of) face[- ]to[- ]face (?:contact|visits?|work\w*|"
        r"appointments?|meetings?) (?:\w+ ){0,3}(?:because of|due to|under|during|with) (?:the )?"
        r"(?:restrictions|social distancing|shielding|(?:national|government) guidance)",
    ),
    "risk_assessment": (
        # the quality of the analysis an assessment rests on
        r"(?:robust|reflective|poor|limited|weak|insufficient|inadequate|lack of|little|no|"
        r"lacking in (?:\w+ and )?)\s?analysis(?! of (?:the )?(?:reviews?|cases reviewed|data))",
        r"(?:errors?|lapses?|failures?|flawed|poor|faulty) (?:\w+ ){0,2}(?:of )?"
        r"(?:professional )?judge?ments?",
    ),
    "voice_of_child": (
        r"(?:a )?day in the li(?:fe|ves) of",
        # what the child told someone, and the life the child lived
        rf"(?:{_YOUNG}|toddlers?) (?:\w+ ){{0,2}}(?:disclosed|confided|made (?:a )?"
        r"disclosures?)|disclosures? (?:\w+ ){0,2}by (?:the )?(?:child|children|girl|boy|"
        r"young (?:person|people)|teenager)|(?:child|children)(?:'s|’s) disclosures?",
        # the life the child led, day by day, as the review sets out to show it
        r"(?:the way|how) (?:she|he|the (?:child|children|young person|baby|boy|girl)) "
        r"(?:lived|experienced|spent) (?:her|his|their) (?:\w+ )?(?:li(?:fe|ves)|days)",
        r"(?:the )?li(?:fe|ves) (?:that )?(?:the (?:child|children|young person|boy|girl)) "
        r"(?:lived|led|knew)",
        r"what (?:it was like|it felt like|each day was like) (?:to be|for) (?:the )?(?:child|"
        r"children|young person|baby|boy|girl)\b",
        r"(?:through|from|seen through) (?:the )?(?:child|children|young person|boy|girl)"
        r"(?:'s|’s|s'|s’)? eyes",
    ),
}

# What a summary of the case implies under the coding frame, in the frame's own terms: a parent
# who killed the children is physical abuse; a carer who grew up in care is a care leaver; a
# child's long-term illness is a health need; a concern judged not serious enough is a
# threshold; services for a parent's illness that did not tell children's services are the gap
# between adult and children's services.
CASE_TERMS: dict[str, tuple[str, ...]] = {
    "nai_physical_abuse": (
        r"(?:killed|murdered|smothered|strangled|suffocated|drowned|stabbed|poisoned) "
        r"(?:both |all )?(?:his|her|their) (?:\w+ ){0,3}(?:children|sons?|daughters?|bab(?:y|ies)|"
        r"child|toddlers?|twins)",
        r"threat\w* to (?:kill|harm|hurt) (?:the|his|her|their) (?:\w+ )?(?:children|child|"
        r"bab(?:y|ies)|sons?|daughters?)",
        rf"(?:harmed|hurt|injured) by {_CARER}",
        # the case facts a report gives instead of the word (ninth round): bones broken, bite
        # marks, a carer convicted of a harm offence or of hurting their own child
        rf"(?:fractured|broken) (?:\w+ )?{_BONES}|{_BONES} fractures?|bite marks",
        rf"{_CARER},? (?:[\w’'-]+,? ){{0,4}}(?:was |were |has been |have been )?(?:convicted|"
        r"found guilty|pleaded guilty|jailed|sentenced|imprisoned) (?:\w+ ){0,3}(?:child cruelty|"
        r"cruelty|grievous bodily harm|(?-i:GBH)|wounding|causing or allowing)",
        r"(?:convicted|found guilty|pleaded guilty|admitted|jailed|sentenced|charged) "
        r"(?:\w+ ){0,3}(?:of|for|to) (?:\w+ ){0,2}(?:injuring|assaulting|harming|hurting|abusing|"
        r"ill-treating|wounding|killing|murdering) (?:his|her|their) (?:own )?(?:\w+ )?(?:sons?|"
        r"daughters?|bab(?:y|ies)|child|children|toddlers?|twins?|infants?)",
    ),
    # drugs found in a child's or a parent's body: a test's result, told instead of the habit
    "substance_misuse": (
        rf"{_DRUGS} (?:\w+ ){{0,2}}(?:in|within) (?:his|her|their|the (?:child|baby|mother|"
        r"father)(?:'s|’s)?) (?:system|body|bloodstream|blood|urine|hair)",
        rf"test(?:s|ed|ing)? positive (?:for|to) (?:\w+ ){{0,2}}{_DRUGS}",
        rf"(?:ingest\w*|swallow\w*) (?:\w+ ){{0,2}}{_DRUGS}",
        r"hair[- ]strand (?:tests?|testing|analysis)",
    ),
    # a man other than the child's father in charge of the child or in the home: one of the
    # men in the child's life the frame says services overlook
    "hidden_men": (
        r"(?:left|placed|remained|living|lived|liv(?:e|es)|stay(?:ed|ing|s)?) (?:\w+ ){0,2}"
        r"(?:in the care of|with) (?:a |an )?(?:\w+ ){0,2}(?:unrelated )?(?:man|male|paedophile|"
        r"(?:sex(?:ual)? )?offender)",
        r"(?:who|he) (?:was|is) not (?:[\w’'-]+ ){0,2}(?:biological |birth )?father",
    ),
    "extra_familial_harm": (
        # abuse of children in a setting outside the home, by the staff who ran it
        r"(?:sexual )?abuse of (?:\w+ ){0,2}children (?:\w+ ){0,2}(?:in|at|within) (?:a |the )?"
        r"(?:\w+ ){0,2}(?:nurser(?:y|ies)|schools?|clubs?|churche?s?|youth (?:groups?|clubs?)|"
        r"children(?:'s|’s) homes?)",
        r"(?:nursery|school|youth|club|church) (?:workers?|staff|teachers?|volunteers?|"
        r"coach(?:es)?|leaders?) (?:\w+ ){0,4}(?:convicted|charged|abused|groomed)",
    ),
    "care_leavers": (
        r"(?:been|being|was|were|grew up|lived|placed) in (?:\w+ )?care (?:when|as) (?:a |an )?"
        r"(?:child|children|teenagers?|young (?:person|people)|adolescent)",
        r"(?:his|her|their) own (?:time|years|childhood|experiences?|history) in (?:\w+ )?care",
    ),
    "parents_childhood_adversity": (
        r"(?:mother|father|parents?|carers?|partner|step-?(?:father|mother)|he|she) "
        r"(?:\w+ ){0,3}(?:had been|was|were) "
        r"(?:\w+ )?(?:abused|neglected|maltreated) (?:\w+ ){0,3}(?:as a child|as children|"
        r"when (?:he|she|they) (?:was|were) (?:a child|children|young)|in (?:his|her|their) "
        r"(?:own )?childhood)",
        r"(?:mother|father|parents?|carers?|partner)(?:'s|’s|s')? (?:\w+ ){0,3}(?:history|"
        r"experiences?) of (?:experiencing|suffering|being subjected to) (?:\w+ )?(?:abuse|"
        r"trauma|neglect|violence)",
    ),
    "disability_health_needs": (
        r"(?-i:ADHD)|attention deficit|diabet\w+|epilep\w+|cystic fibrosis|"
        r"(?:life[- ]limiting|life[- ]threatening|long[- ]term|serious) (?:medical |health )?"
        r"(?:conditions?|illness\w*)",
    ),
    "risk_assessment": (
        r"(?:serious|severe|significant|high) enough to (?:warrant|meet|justify|trigger|need)",
        r"(?-i:CP) plans?|(?:consider\w*|weigh\w*|balanc\w*|manag\w*) (?:of )?(?:the )?risks? "
        r"(?:to|of|posed|associated)",
        r"views on risk|(?:seen|considered|treated) in isolation",
        # a decision on the risk told as what happened: the case closed or stepped down, the
        # child sent back to a parent
        r"(?:case|cases|file|involvement) (?:\w+ ){0,2}(?:was|were|had been) (?:\w+ )?(?:closed|"
        r"stepped down)|(?:was|were|being|been) stepped down|"
        r"closed (?:down )?(?:the|her|his|their) case",
        r"returned (?:\w+ ){0,2}to (?:the care of )?(?:his|her|their) (?:birth )?(?:parents|mother|"
        r"father|mum|dad)",
    ),
    "professional_curiosity": (
        r"(?:was|were|had been) never (?:\w+ )?(?:checked|verified|tested|explored|questioned|"
        r"probed)|wasn[’']t (?:\w+ )?(?:checked|verified|tested|explored|questioned|probed)",
        # families who avoid the professionals, whom the frame's curiosity and challenge are for
        r"(?:parents|families|carers|mothers|fathers) (?:\w+ ){0,3}(?:who )?(?:are |were )?"
        r"(?:evasive|avoidant|hard[- ]to[- ]reach|(?:do|did|does) not engage)",
    ),
    "voice_of_child": (
        # the child's signs read, not only the child's words waited for
        r"rel(?:y|ied|ying|iance) (?:\w+ )?on (?:a |the )?(?:verbal |direct )?disclosures?|"
        r"(?:behavioural|non-verbal) (?:cues|signs|communication)",
        r"(?:see|seen|saw|seeing) and (?:speak|spoke|spoken|speaking|talk\w*|listen\w*) (?:to|"
        r"with) (?:the )?(?:child|children|young (?:people|person))",
    ),
    "think_family": (
        r"(?:children(?:'s|’s) (?:social care|services)|health visit\w*(?: services?| team)?|"
        r"health visitors?|the school) (?:\w+ ){0,3}(?:was|were) not (?:\w+ )?(?:informed|told|"
        rf"notified|made aware) {_GAP}{{0,6}}(?:admission|discharge|mental health|psychiatric|"
        r"treatment)",
    ),
    "child_mental_health_suicide": (
        r"(?:in-?patient|adolescent) (?:mental health |psychiatric )?(?:setting|unit|ward|bed)s?|"
        r"(?-i:Tier 4)",
    ),
    "race_ethnicity_culture": (
        r"minority (?:ethnic|groups?|communit\w+|families|backgrounds?)|ethnic minorit\w+",
    ),
    # a manager's decision on the case: the oversight the frame names
    "supervision_workforce": (
        r"organisational (?:factors|issues|pressures)",
        r"(?:closed|signed off|overturned|overruled|authorised|stepped down) (?:\w+ ){0,3}by "
        r"(?:a |the )?(?:team |senior |service |duty )?managers?",
        r"(?:team|senior|service|duty) managers? (?:\w+ ){0,3}(?:overturned|overruled|signed off|"
        r"closed (?:the|down)|decided to close|stepped down)",
    ),
}
for _theme, _terms in CASE_TERMS.items():
    SYNONYMS[_theme] = SYNONYMS.get(_theme, ()) + _terms

# Words that name a theme in a title, heading, list item or statement of the review's subject,
# but are too common in running text to count there ("the school nurse", "an assessment").
HEADING_TERMS: dict[str, tuple[str, ...]] = {
    "education": (r"schools?", r"education\w*", r"pupils?", r"teachers?"),
    "information_sharing": (r"communication",),
    "supervision_workforce": (
        r"training",
        r"commissioning",
        r"practitioners?(?:'|’)? (?:experience|capacity|wellbeing)",
    ),
    "voice_of_child": (
        r"(?:the )?child(?:ren)?(?:'s|’s|s'|s’)? experiences?",
        r"experiences? of (?:the )?(?:child|children|young (?:people|person))",
    ),
    # in running text a plan the child was on is a fact of the case, not a topic of planning; a
    # heading on risk itself (how it was understood, weighed or managed) is a topic
    "risk_assessment": (
        r"(?:child protection|care|safety|safeguarding|multi-agency) plans?",
        r"(?:managing|understanding|weighing|assessing|analysing|identifying|recognising|"
        r"perceptions? of|judge?ments? (?:of|about)) (?:\w+ ){0,2}risks?",
        r"(?<!review )(?<!succession )(?<!workforce )(?<!service )planning",
    ),
    # culture as a topic of its own, not an organisation's culture
    "race_ethnicity_culture": (
        r"(?<!organisational )(?<!safeguarding )(?<!learning )(?<!professional )(?<!team )"
        r"(?<!work )(?<!blame )cultur(?:e|es|al)(?! of)",
    ),
}

# Practice themes are named in running text by many common words ("an assessment", "they
# challenged"), which count for half there; these phrases name the theme outright and count
# in full wherever they stand.
STRONG_TERMS: dict[str, tuple[str, ...]] = {
    "professional_curiosity": (
        r"professional curiosity",
        r"(?:lack of |more |little )?curiosity",
        r"disguised compliance",
        r"think(?:ing)? the unthinkable",
        r"respectful uncertainty",
        r"start again syndrome",
        r"rule of optimism|over[- ]optimis\w*",
        r"apparent (?:co-?operation|compliance)",
        r"(?:explanations?|accounts?|assurances?) (?:\w+ ){0,3}(?:were |was )?(?:accepted|"
        r"believed|not (?:questioned|challenged|tested|verified|checked|probed))",
        r"(?:reluctan\w*|hesitan\w*|afraid|unwilling) to (?:\w+ ){0,2}(?:challenge|question)",
        r"professional (?:disagreements?|differences?)",
    ),
    "information_sharing": (
        r"information[- ]sharing",
        r"shar(?:e|ed|ing) (?:of )?(?:information|intelligence)",
        r"information (?:was |is |were )?not (?:shared|passed on)",
        r"(?:ignored|overlooked|missed|lost) (?:\w+ ){0,2}(?:crucial |key |important |relevant |"
        r"vital )?(?:information|intelligence)",
        r"(?:worked|working|work) in (?:isolation|silos?)|communication (?:failures?|breakdowns?)",
    ),
    "think_family": (
        r"think family",
        r"whole[- ]family",
        r"young carers?",
        r"hidden harm",
        r"(?:between|across|bridging) (?:the )?adults?(?:'|’)? and children(?:'s|’s)? services",
        r"famil(?:y|ies) as a whole",
    ),
    "voice_of_child": (
        r"voices? of (?:the )?(?:child|children|young people|young person)",
        r"child(?:ren)?(?:'s|’s|s'|s’)? voices?",
        r"lived experience",
        r"wishes and feelings",
    ),
    "supervision_workforce": (
        _STAFF_SUPERVISION,
        r"management oversight|managerial oversight",
        r"caseloads?",
        r"workloads?",
        r"(?:practitioners?|professionals?|staff|social workers?|workers?|nurses?|officers?) "
        r"(?:\w+ ){0,3}(?:felt|feel|feeling|described feeling|were left feeling) (?:\w+ ){0,5}"
        r"(?:anxious|afraid|fearful|frightened|intimidated|overwhelmed|powerless|helpless|"
        r"hopeless\w*|paralys\w*|unsupported|isolated|to blame|blamed)",
        r"(?:lack of|insufficient|inadequate) (?:\w+ )?training|inexperienced|newly qualified",
        r"recruitment and retention|staff(?:ing)? shortages?|austerity",
    ),
    "risk_assessment": (r"pre-?birth assessments?", r"risk assessments?"),
    "education": (
        r"home[- ]educat\w*|home[- ]school\w*",
        r"missing (?:from )?education",
        r"(?:school )?exclusions?|excluded from school",
        r"not in school",
    ),
    "covid_19": (r"covid(?:-19)?", r"coronavirus", r"pandemic", r"lockdowns?"),
}

# Text in which a theme's words are not a topic: blanked before matching.
PASSING: tuple[str, ...] = (
    # ... but "substance abuse and neglect" lists the kinds of harm the family knew
    r"(?<!substance )(?<!sexual )(?<!alcohol )(?<!drug )(?<!domestic )(?<!physical )"
    r"(?<!emotional )(?:child )?abuse(?:,)? (?:and|or|and/or) neglect",
    r"neglect (?:and|or) abuse",
    r"(?:abused|harmed) (?:and|or|and/or) neglected|neglected (?:and|or|and/or) (?:abused|harmed)",
    r"child abuse, child neglect",
    r"abuse, neglect",
    r"(?:[A-Z][\w’'&-]*\s+(?:(?:of|and|for|the|on|in|&)\s+)?){1,6}"
    r"(?:Board|Partnership|Services?|Team|Trust|Unit|Institute|Centre|Foundation|Charity|"
    r"Society|Association|Agency|Network|Forum|Alliance|Commission|Office|Department|Hub|"
    r"Clinic|Project|Programme|Ombudsman|Panel|Group|Committee|Council|Consultancy|Ltd|"
    r"Limited)(?!\w)",
    r"department for education",
    r"schools and families",
    r"(?:local|children's|children’s) safeguarding (?:children )?(?:board|partnership)s?",
    r"(?:serious case|practice|case|rapid|learning) reviews?",
    r"domestic homicide reviews",
    r"(?:research|review) (?:team|process)",
    r"terms of reference",
    r"(?i:university) of [A-Z]\w+",
    r"education (?:and|&) (?:skills|health)",
    r"deprivation of liberty",
    # an organisation named head first ("Office for Standards in Education", "Institute of
    # Health Visiting")
    r"(?:Department|Office|Ministry|Institute|Centre|Center|Commission|Council|Society|"
    r"Association|Foundation|College|Agency|School) (?:for|of) (?:the )?[A-Z][\w,]*"
    r"(?: (?:and |& |in |of |for )?[A-Z][\w,]*)*",
    r"(?:Secretary of State|Minister(?: of State)?) for [A-Z]\w+(?:,? (?:and |& )?[A-Z]\w+)*",
    r"(?i:educational grant)",
    # the audience a publication is for, and a web page's menu: not the workforce as a topic
    r"(?i:(?:across|to|for|support|supports|supporting|inform|among|throughout|with) (?:the |our )?"
    r"(?:(?:wider|whole|multi-agency|safeguarding|partnership|board|local|children's|children’s|"
    r"and|the) )*"
    r"workforce)",
    r"Our (?:training|resources|events|publications)(?: (?:and|&) (?:training|resources|events|"
    r"publications))?",
    r"(?i:(?:training|resources|events|courses|publications),? (?:and|&) (?:training|resources|"
    r"events|courses|publications)(?: for (?:professionals|practitioners|partners))?)",
    # a parent's disability is not the child's
    r"(?:learning )?disabled (?:parents?|mothers?|fathers?|adults?)",
    r"(?:parents?|mothers?|fathers?|adults?) (?:\w+ ){0,2}with (?:a )?(?:learning )?disabilit\w*",
)


# A service named after a factor ("drug and alcohol services") names the factor only when the
# sentence says it of an adult of the family (ingest/themes/attribution.py): the service may
# be the child's, or a list of agencies.
SERVICE_NAMES: tuple[str, ...] = (
    r"(?:(?:drugs?|alcohol|substance(?: mis)?use)(?: (?:and|&|or) (?:drugs?|alcohol))?|"
    r"addiction|recovery) (?:misuse |use )?(?:services?|teams?|workers?|agenc\w+|"
    r"treatment(?: services?)?|support(?: services?)?)",
)


def _alternation(terms: tuple[str, ...]) -> re.Pattern[str]:
    pattern = "|".join(terms)
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])", re.IGNORECASE)


@functools.cache
def compiled() -> dict[str, re.Pattern[str]]:
    """One alternation per theme, compiled once per process."""
    return {
        theme: _alternation(terms + SYNONYMS.get(theme, ()))
        for theme, terms in SUBJECT_TERMS.items()
    }


@functools.cache
def compiled_strong() -> dict[str, re.Pattern[str]]:
    """The phrases that name a practice theme outright (STRONG_TERMS)."""
    return {theme: _alternation(terms) for theme, terms in STRONG_TERMS.items()}


@functools.cache
def compiled_headings() -> dict[str, re.Pattern[str]]:
    """Each theme's words as a heading or a title may use them: all of them."""
    return {
        theme: _alternation(terms + SYNONYMS.get(theme, ()) + HEADING_TERMS.get(theme, ()))
        for theme, terms in SUBJECT_TERMS.items()
    }


@functools.cache
def services() -> re.Pattern[str]:
    return _alternation(SERVICE_NAMES)


@functools.cache
def passing() -> re.Pattern[str]:
    cased = re.compile(r"\[A-Z\]|(?<!\\)[A-Z]")
    return re.compile("|".join(p if cased.search(p) else f"(?i:{p})" for p in PASSING))
