"""The 25 points of seed 002, "Effective community engagement: a checklist for getting it
right" (Metropolitan Police, 2007), in its three stages. Short titles are ours; `text` keeps
the seed's own wording so staff read the original advice."""

from dataclasses import dataclass

from django.db import models


class Stage(models.TextChoices):
    BEFORE = "before", "Before you begin"
    DURING = "during", "While it's happening"
    AFTER = "after", "After it's over"


class ChecklistScope(models.TextChoices):
    FULL = "full", "Full checklist"
    INFORMATION = "information", "Collecting information only (e.g. a survey): points 6, 24 and 25"
    POLICY = "policy", "Policy engagement: points 20 and 21 do not apply"


@dataclass(frozen=True)
class Point:
    number: int
    stage: Stage
    title: str
    text: str


POINTS: tuple[Point, ...] = (
    Point(
        1,
        Stage.BEFORE,
        "Clear aims linked to an issue",
        "Be clear about what your aims are – ask yourself: Why are we doing this? Then make sure the aims are linked to a clear issue (like the local policing plan, drugs strategy or a Safer Neighbourhood initiative). Make sure you state your aims clearly to everyone taking part, in writing or as an announcement at the beginning of your activity.",
    ),
    Point(
        2,
        Stage.BEFORE,
        "Partner organisations",
        "Check whether there are any partner organisations you might carry out your activity with.",
    ),
    Point(
        3,
        Stage.BEFORE,
        "Co-ordinated with local activity",
        "Check that your activity is co-ordinated with any others that are being arranged locally.",
    ),
    Point(
        4,
        Stage.BEFORE,
        "All affected sections of the community",
        "Try to identify and involve all the different sections of the community that might be affected. (Neighbourhood profiles are available for you to make sure you've invited the right people to take part.) Consider the demographics of your target group when you're putting together the profile of who's taking part.",
    ),
    Point(
        5,
        Stage.BEFORE,
        "Activity suits how people feel about the police",
        "Choose a type of activity that reflects how comfortable people in the community feel about interacting with the police.",
    ),
    Point(
        6,
        Stage.BEFORE,
        "Inclusive and accessible",
        "Make sure your activity is inclusive of all members of society, if appropriate. If you're only involving certain groups, make sure you give a clear explanation why (if it's a specialist subject, for example). Being inclusive also means making sure everyone can take part. Have you made things accessible for disabled people, for example?",
    ),
    Point(
        7,
        Stage.BEFORE,
        "Guidelines checked",
        "Check corporate and local guidelines on carrying out engagement activity to see if you've chosen the best kind of activity.",
    ),
    Point(
        8,
        Stage.BEFORE,
        "Public liability insurance",
        "Ensure proper Public Liability Insurance is in place. If you are carrying out your event in a non-police venue, check the guidelines.",
    ),
    Point(
        9,
        Stage.BEFORE,
        "Media and recruitment opportunities",
        "Are there any positive media opportunities, as well as recruitment opportunities for volunteers, police officers and police staff? Contact your local media officer, volunteer co-ordinator, or other relevant staff to seek advice.",
    ),
    Point(
        10,
        Stage.BEFORE,
        "Time and money in proportion",
        "Judge whether the time and money needed to carry out the activity is in proportion to the expected results.",
    ),
    Point(
        11,
        Stage.BEFORE,
        "Internal diversity used",
        "Make use of internal diversity to break down cultural barriers at the event (using volunteers, police officers or police staff from within a certain community to make presentations, for example).",
    ),
    Point(
        12,
        Stage.BEFORE,
        "Getting the message out",
        "Choose appropriate ways to get the message out about your event (internet, meetings, newspapers, press releases, Safer Neighbourhood activities, for example).",
    ),
    Point(
        13,
        Stage.BEFORE,
        "Engagement activity plan",
        "Write an engagement activity plan. This should include an outline of how your results will be fed back into decision making, what analysis you'll be doing, and how you'll share the results with the people who took part.",
    ),
    Point(
        14,
        Stage.DURING,
        "Demographics recorded sensitively",
        "It is good practice to record the demographic details of everyone taking part (age, disability, gender, faith/belief, sexual orientation and race), to show which sections of the community you've managed to reach. But this must be done sensitively preferably at the end of the event and only if people are happy to give them.",
    ),
    Point(
        15,
        Stage.DURING,
        "Event and materials accessible",
        "Make sure the event and any materials you use are as accessible as possible, to allow people to take part fully. For example, ensure appropriate language and physical access needs are met.",
    ),
    Point(
        16,
        Stage.DURING,
        "Enough time to respond",
        "Make sure you allow enough time for the people taking part to reflect and respond. (Home Office guidance says to allow 13 weeks for consulting on draft versions of documents – but the absolute minimum is four weeks for focused consultation events, and six for consulting on drafts.)",
    ),
    Point(
        17,
        Stage.DURING,
        "Named contact",
        "Give people a named person they can contact, and clear details of how to get in touch.",
    ),
    Point(
        18,
        Stage.DURING,
        "Influence explained",
        "Make sure everyone understands what kind of influence they'll have on the issue by taking part. Put it in writing, or announce it at the start of your discussion.",
    ),
    Point(
        19,
        Stage.DURING,
        "What we'll do with their input",
        "Don't forget to tell the people what you'll do with their input; how it will affect our decision making; what kind of analysis we will do; how we will share the results with them. Again, write it into your materials or say it clearly at the start.",
    ),
    Point(
        20,
        Stage.AFTER,
        "Partners to implement results",
        "Check whether there are any partner organisations you might work with to help implement your results. (This doesn't apply to policy work engagement.)",
    ),
    Point(
        21,
        Stage.AFTER,
        "Community volunteers to implement results",
        "Check whether it is possible to use volunteers from within the community to help implement your results. (This doesn't apply to policy work engagement.)",
    ),
    Point(
        22,
        Stage.AFTER,
        "New community contacts passed on",
        "Pass on any significant new community contacts you've made, for example to your Borough Liaison Officer, or to the Local or Corporate Independent Advisory Groups (IAGs).",
    ),
    Point(
        23,
        Stage.AFTER,
        "Scanned for community intelligence",
        "Make sure all your output is scanned for community intelligence. This information must be fed into all the right places. If you have any concerns about recording information, or who you should give it to, speak to your local intelligence manager.",
    ),
    Point(
        24,
        Stage.AFTER,
        "Feedback given",
        "Give feedback to the people who took part. Tell them how their input has affected the way we police. Choose a method of communicating that suits the scale and scope of your event, but reaches the widest possible audience.",
    ),
    Point(
        25,
        Stage.AFTER,
        "Evaluated",
        "Evaluate how effective your event has been, based on your own aims and expectations, as well as those who took part.",
    ),
)

POINTS_BY_NUMBER = {p.number: p for p in POINTS}
EVALUATION_POINT = 25
INFORMATION_ONLY_POINTS = frozenset({6, 24, 25})
POLICY_SKIPPED_POINTS = frozenset({20, 21})


def applicable_points(scope: ChecklistScope | str) -> tuple[Point, ...]:
    """Seed 002: a survey still needs 6, 24 and 25; policy engagement skips 20 and 21."""
    if scope == ChecklistScope.INFORMATION:
        return tuple(p for p in POINTS if p.number in INFORMATION_ONLY_POINTS)
    if scope == ChecklistScope.POLICY:
        return tuple(p for p in POINTS if p.number not in POLICY_SKIPPED_POINTS)
    return POINTS
