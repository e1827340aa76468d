"""The policing codeframe's own subjects in the visitor's language, for the neighbourhood page.

The shipped codeframe (heard_text/data/policing_codeframe.json) names its codes in English; the
public page says them in the visitor's language (issue: "every community in its own language").
A code an organisation added, or one whose name it changed, keeps the name its staff gave it.
"""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from insight.code_trends import CodeTrend

#: Code id -> (its English name in the shipped codeframe, that name to translate).
SHIPPED = {
    "asb": ("Anti-social behaviour", _("Anti-social behaviour")),
    "drugs": ("Drugs", _("Drugs")),
    "speeding": ("Speeding and road safety", _("Speeding and road safety")),
    "burglary": ("Burglary", _("Burglary")),
    "vehicle_crime": ("Vehicle crime", _("Vehicle crime")),
    "violence": ("Violence and knife crime", _("Violence and knife crime")),
    "vawg": ("Violence against women and girls", _("Violence against women and girls")),
    "hate_crime": ("Hate crime", _("Hate crime")),
    "fraud": ("Fraud and scams", _("Fraud and scams")),
    "youth_provision": ("Youth provision", _("Youth provision")),
    "police_visibility": ("Police visibility", _("Police visibility")),
    "contact_101": ("Contacting the police and 101", _("Contacting the police and 101")),
    "response": ("Police response and follow-up", _("Police response and follow-up")),
    "trust_confidence": ("Trust and confidence", _("Trust and confidence")),
    "environment": ("Litter, fly-tipping and graffiti", _("Litter, fly-tipping and graffiti")),
    "parking": ("Parking", _("Parking")),
    "noise": ("Noise", _("Noise")),
    "cctv_lighting": ("CCTV and street lighting", _("CCTV and street lighting")),
    "off_road_bikes": ("Off-road bikes and e-scooters", _("Off-road bikes and e-scooters")),
    "theft_robbery": ("Theft and robbery", _("Theft and robbery")),
    "shop_business": ("Shoplifting and business crime", _("Shoplifting and business crime")),
    "domestic_abuse": ("Domestic abuse", _("Domestic abuse")),
    "exploitation": ("Exploitation and safeguarding", _("Exploitation and safeguarding")),
    "online_harm": ("Online harm and cyber crime", _("Online harm and cyber crime")),
    "street_drinking": ("Street drinking and begging", _("Street drinking and begging")),
    "mental_health": ("Mental health and vulnerability", _("Mental health and vulnerability")),
    "engagement": ("Engagement and communication", _("Engagement and communication")),
    "praise": ("Praise for the police", _("Praise for the police")),
    "resources": ("Police numbers and resources", _("Police numbers and resources")),
    "council_partners": ("Council and partner issues", _("Council and partner issues")),
    "feeling_safe": ("Feeling safe", _("Feeling safe")),
}


def code_name(code: str, label: str) -> str:
    """The code's name in the active language when it is the shipped one, else as staff named it."""
    english, translated = SHIPPED.get(code, ("", ""))
    return str(translated) if label == english else label


def in_visitors_language(trend: CodeTrend) -> CodeTrend:
    return replace(trend, rows=[replace(row, label=code_name(row.code, row.label)) for row in trend.rows])
