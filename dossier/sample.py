"""Complete example dossiers: a single municipality and a union of three.

The municipalities are real (they must pass the ISTAT check); every person, figure and
project below is invented for the example.
"""

from __future__ import annotations

from datetime import date

from .models import (
    Applicant,
    Dossier,
    Education,
    Eligibility,
    Experience,
    LanguageSkill,
    Letter,
    Municipality,
    NeedsAnalysis,
    Officer,
)

_ANSWERS = {
    "context": (
        "Agliè is a small municipality in the Canavese area, about 35 kilometres north of Turin. "
        "Out of 2,600 residents, 212 are foreign citizens, a share of 8.2% that has doubled in the "
        "last ten years. Most come from Romania, Morocco, Albania and, more recently, Nigeria and "
        "Pakistan; many are young families and men working in agriculture and in the wine sector.\n\n"
        "The main needs we see every day at our registry office and social services are: learning "
        "Italian, especially for women who stay at home with young children; recognition of "
        "qualifications obtained abroad; access to housing, since rents in the historic centre are "
        "rising; and information about health and school services. Many newcomers do not know which "
        "office to turn to and come to the town hall for every kind of request.\n\n"
        "Our staff is small and has no specific training on integration. Officers handle residence "
        "registration, social support and school services without a shared approach, and we lack "
        "data to plan our services. Public transport to Ivrea and Turin is limited, which makes "
        "courses and job centres hard to reach."
    ),
    "measures": (
        "The municipality runs a weekly help desk for foreign citizens, opened in 2018 with a local "
        "volunteer association, which gives information on residence permits, registration and "
        "access to services.\n\n"
        "Italian language courses are organised twice a year in the municipal library, in "
        "cooperation with the provincial adult education centre (CPIA) of Ivrea. A cultural mediator "
        "is available on request at the social services of the Consortium for Social Services.\n\n"
        "In 2020 we plan to open an after-school support service for children with a migrant "
        "background and to involve foreign residents in the local council for young people. What "
        "does not work yet is coordination: each service works on its own and there is no single "
        "point of access for newcomers."
    ),
    "expectations": (
        "We expect to learn from partner cities how a small administration can organise a single "
        "point of access to integration services and how to involve migrants in designing them. "
        "We want our officers to gain skills in planning, monitoring and working with associations. "
        "By the end of the project we intend to adopt a local action plan for integration, approved "
        "by the Municipal Executive, with clear measures, responsibilities and indicators, and to "
        "share it with the other municipalities of the Canavese area."
    ),
    "community_reason": (
        "A strategic approach is what we lack most: our measures exist but are not connected. "
        "Working with Turin as mentor city, we can learn how to build a plan that links services, "
        "and we can bring the point of view of a small rural municipality to the other partners."
    ),
}

_OFFICER = Officer(
    first_name="Giulia",
    last_name="Ferrero",
    role="Head of Social and Educational Services",
    department="Social Services, Education and Culture",
    email="g.ferrero@example.org",
    phone="+39 0124 330 000",
    experience=[
        Experience(
            start=date(2014, 3, 1),
            end=None,
            employer="Municipality of Agliè",
            position="Head of Social and Educational Services",
            activities=(
                "Coordination of social services, school services and the help desk for foreign citizens.\n"
                "Management of projects funded by the Piedmont Region on social inclusion."
            ),
        ),
        Experience(
            start=date(2008, 9, 1),
            end=date(2014, 2, 28),
            employer="Consortium for Social Services of Canavese",
            position="Social worker",
            activities="Support to families and unaccompanied minors; cooperation with cultural mediators.",
        ),
    ],
    education=[
        Education(
            start=date(2003, 10, 1),
            end=date(2008, 7, 15),
            title="Master's degree in Social Policy and Social Work",
            institution="University of Turin",
            details="Thesis on the integration of migrant families in rural areas.",
        ),
    ],
    mother_tongue="Italian",
    languages=[
        LanguageSkill(
            language="English",
            listening="B2",
            reading="B2",
            spoken_interaction="B1",
            spoken_production="B1",
            writing="B1",
        ),
        LanguageSkill(
            language="French",
            listening="B1",
            reading="B2",
            spoken_interaction="A2",
            spoken_production="A2",
            writing="A2",
        ),
    ],
    digital_skills="Good command of office software, e-mail and video conferencing; basic use of databases.",
    other_skills="Experience in facilitating meetings between public offices and associations.",
    relevant_experience=(
        "Coordinator of the municipal help desk for foreign citizens since 2018. "
        "Member of the working group of a regional project on social inclusion funded by the ESF."
    ),
    data_consent=True,
)

_LETTER = Letter(
    signatory_role="mayor",
    signatory_name="Marco Bertolino",
    place="Agliè",
    signed_on=date(2020, 2, 20),
    commitments=["officer", "meetings", "action_plan", "cooperation"],
)


def single() -> Dossier:
    return Dossier(
        eligibility=Eligibility(
            kind="municipality",
            municipality=Municipality(name="Agliè", province="TO", istat_code="001001"),
            action_plan=True,
            officer_available=True,
        ),
        applicant=Applicant(
            official_name="Municipality of Agliè",
            address="Piazza Castello 1, 10011 Agliè (TO), Italy",
            pec="protocollo@pec.example.org",
            email="info@example.org",
            phone="+39 0124 330 001",
            website="https://www.example.org",
            population=2600,
            foreign_residents=212,
            countries_of_origin="Romania, Morocco, Albania, Nigeria, Pakistan",
        ),
        needs=NeedsAnalysis(answers=dict(_ANSWERS), community="strategy"),
        officer=_OFFICER.model_copy(deep=True),
        letter=_LETTER.model_copy(deep=True),
    )


def union() -> Dossier:
    d = single()
    members = [
        Municipality(name="Cuorgnè", province="TO", istat_code="001098", population=9800),
        Municipality(name="Valperga", province="TO", istat_code="001287", population=3100),
        Municipality(name="Pertusio", province="TO", istat_code="001187", population=780),
    ]
    d.eligibility = Eligibility(
        kind="union",
        union_name="Union of Municipalities of Alto Canavese",
        members=members,
        lead="Cuorgnè",
        action_plan=True,
        officer_available=True,
    )
    d.applicant.official_name = "Union of Municipalities of Alto Canavese"
    d.applicant.address = "Via Garibaldi 9, 10082 Cuorgnè (TO), Italy"
    d.applicant.population = sum(m.population or 0 for m in members)
    d.applicant.foreign_residents = 1050
    d.letter.signatory_role = "union_president"
    d.letter.place = "Cuorgnè"
    d.officer.experience[0].employer = "Union of Municipalities of Alto Canavese"
    d.needs.answers["context"] = d.needs.answers["context"].replace(
        _ANSWERS["context"].split("\n\n")[0],
        (
            "The Union of Municipalities of Alto Canavese brings together Cuorgnè, Valperga and Pertusio, "
            "in the Canavese area north of Turin. Out of 13,680 residents, 1,050 are foreign citizens, a share "
            "of 7.7% that has doubled in the last ten years. Most come from Romania, Morocco, Albania and, more "
            "recently, Nigeria and Pakistan; many are young families and men working in local manufacturing."
        ),
    )
    return d
