"""A small synthetic consultation written for these tests: answers to "What would make your
neighbourhood safer?" on six clear topics, plus empty answers. Not real data."""

from __future__ import annotations

TOPICS: dict[str, list[str]] = {
    "speeding": [
        "Cars speed down our road every day",
        "Speeding traffic outside the primary school",
        "Speed cameras on the main road please",
        "Drivers go far too fast past the park",
        "Boy racers use the bypass as a race track",
        "People drive at 50 in a 20 zone",
        "We need speed bumps on the estate",
        "Dangerous driving and speeding on the high street",
        "Lorries speeding through the village",
        "Stop the speeding cars near the school gates",
        "Traffic calming to slow cars down",
        "Cars racing each other late at night on the ring road",
    ],
    "drugs": [
        "Drug dealing on the corner",
        "People selling drugs outside the shops",
        "The smell of cannabis everywhere",
        "Dealers on bikes around the estate",
        "Needles left in the park from drug users",
        "Drug users in the alleyway behind the houses",
        "Weed being smoked openly in the street",
        "County lines dealers using children",
        "Stop the drug dealing in the flats",
        "Cars pulling up to buy drugs",
        "Too many drugs on our streets",
        "Get the dealers off the estate",
    ],
    "police_visibility": [
        "More police officers walking the streets",
        "We never see a police officer",
        "Bring back bobbies on the beat",
        "More patrols at night",
        "PCSOs walking around the estate would help",
        "Visible policing in the town centre",
        "I would like to see police on foot",
        "Police presence at weekends",
        "More officers patrolling the neighbourhood",
        "Regular police patrols near the shops",
        "See the police out and about more often",
        "A local bobby who knows the area",
    ],
    "litter": [
        "Fly-tipping in the back alleys",
        "Rubbish dumped everywhere",
        "Litter all over the park",
        "Clean up the graffiti on the bridge",
        "Dog mess on the pavements",
        "Mattresses dumped on the street",
        "Overflowing bins and litter",
        "The alleys are full of rubbish",
        "Fly tipping needs to be stopped",
        "Broken glass and litter in the play area",
        "More litter bins and street cleaning",
        "People dumping rubbish from vans",
    ],
    "lighting": [
        "Better street lighting",
        "The street lights are broken",
        "Fix the lights on the path by the canal",
        "It is too dark at night on our road",
        "More lighting in the park",
        "CCTV cameras in the car park",
        "Install CCTV on the high street",
        "Dark alleys need lights",
        "Street lamps not working for months",
        "The underpass is pitch black",
        "Cameras and lights would deter crime",
        "Brighter lights near the bus stop",
    ],
    "youth": [
        "Something for young people to do",
        "A youth club for teenagers",
        "Activities for kids in the summer holidays",
        "Nothing for teenagers round here",
        "Bring back the youth centre",
        "Football sessions for young people",
        "Youth workers on the estate",
        "Things for kids to do in the evenings",
        "Clubs to keep teenagers off the streets",
        "More activities for children",
        "Funding for youth services",
        "A place for young people to go",
    ],
}
EMPTY = ["Nothing", "n/a", "N/A", "Don't know", "no comment", "None", "-", "", "nothing to add", "Not sure"]


def corpus() -> tuple[list[str], list[str]]:
    """Texts and their topic ("empty" for empty answers), interleaved so order carries no signal."""
    texts: list[str] = []
    labels: list[str] = []
    lists = list(TOPICS.items())
    for i in range(max(len(v) for _, v in lists)):
        for topic, answers in lists:
            if i < len(answers):
                texts.append(answers[i])
                labels.append(topic)
        if i < len(EMPTY):
            texts.append(EMPTY[i])
            labels.append("empty")
    return texts, labels
