"""English demo content: the translations of the Dutch pages in `content.py`.

Each entry is keyed by the Dutch page's slug and holds what differs in English (titles, slugs, texts, stream
blocks); everything else (dates, sectors, goals, images, amounts) is taken from the Dutch page. leerKRACHT, the
besturenprogramma and the leerKRACHT-Versneller are names and stay as they are; Dutch school types and school years
are explained where they occur. Call-to-action blocks name the English page they link to by its English slug.
"""

HOME = {
    "title": "Stichting leerKRACHT",
    "slug": "home-en",
    "seo_title": "Together towards better education for every child",
    "mission_statement": (
        "We tackle unequal opportunities in education by building a culture of improvement in schools."
    ),
    "intro": (
        "<p>In no other developed country is inequality of opportunity in education as great as in the Netherlands. "
        "Stichting leerKRACHT tackles unequal opportunities in Dutch education by creating a culture of improvement in "
        "primary schools, secondary schools and vocational colleges (mbo). With the leerKRACHT method, teachers learn "
        "from each other and improve education together.</p>"
    ),
    "tipping_point_text": (
        "The tipping point is reached when 20% of all Dutch schools work with leerKRACHT. We know from experience, and "
        "from other sectors, that new schools will then join of their own accord and the movement keeps growing."
    ),
}

IMPACT_FIGURES = {
    "heading": "Structural, lasting and large-scale",
    "figures": [
        {"value": "1,200", "label": "schools work with the leerKRACHT method"},
        {"value": "500,000+", "label": "pupils get better education because of it"},
        {"value": "12%", "label": "of Dutch education takes part"},
        {"value": "15", "label": "schools we started with in 2012"},
    ],
    "source": "Source: Stichting leerKRACHT",
}

PAGES = {
    "missie": {
        "title": "Our mission",
        "slug": "mission",
        "intro": "Every child deserves the same opportunities. In the Netherlands, these still too often depend on the "
        "school a child happens to attend.",
        "body": [
            ("heading", {"text": "Why it is needed", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>In no other developed country in the world is inequality of opportunity in education as great "
                    "as in the Netherlands. Unbelievable, but true: this was the conclusion of the Dutch Inspectorate "
                    "of Education in its annual report, the State of Education. As a result, many children do not get "
                    "the opportunities they deserve: a good or a bad school can make the difference between a vmbo "
                    "(pre-vocational) and a vwo (pre-university) recommendation. This hits children from disadvantaged "
                    "families hardest and widens the gap in our society. The coronavirus crisis has sadly only "
                    "increased this inequality.</p>"
                ),
            ),
            ("heading", {"text": "What we do", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Research worldwide shows that the quality of education, and reducing unequal opportunities, "
                    "depend on the quality of teachers. It has also been shown that a culture of improvement in "
                    "schools is the way to achieve high quality. With the leerKRACHT method, teachers learn from "
                    "each other and improve education together. This sets off an upward spiral of better teachers, "
                    "better education, better school results and, in the end, more opportunities for every child.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": "When teachers enjoy their work more, the children enjoy school more too. And when "
                    "teachers work on quality, the children get better education.",
                    "attribute_name": "Teacher",
                    "role": "Mariaschool Rotterdam",
                },
            ),
            ("heading", {"text": "Our ambition", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>We are not there yet. Our ambition is to change the entire Dutch school system. For that, one "
                    "last push is needed towards our ‘tipping point’: the moment when 20% of all Dutch schools work "
                    "with leerKRACHT. We know from experience and from other sectors that new schools will then join "
                    "of their own accord and the movement will keep growing.</p>"
                ),
            ),
            (
                "call_to_action",
                {
                    "title": "You too can help give every child the same opportunities",
                    "text": "Your donation goes straight to scaling up, so that we reach the tipping point.",
                    "page": "donate",
                    "url": "",
                    "button_label": "Donate",
                },
            ),
        ],
    },
    "methode": {
        "title": "The leerKRACHT method",
        "slug": "method",
        "intro": "Based on thorough research into the best school systems in the world, we developed a method that "
        "puts the teacher at the centre.",
        "body": [
            (
                "paragraph",
                (
                    "<p>With the leerKRACHT method we create a culture of improvement in schools: teachers learn from "
                    "each other and improve education together. This happens in four fixed elements that come back "
                    "every week.</p>"
                ),
            ),
            ("heading", {"text": "Board sessions", "size": "h3"}),
            (
                "paragraph",
                (
                    "<p>Every week the team gathers briefly at the board: what are our goals, what works, what will we "
                    "improve this week? This makes improvement something the whole team does, in small steps.</p>"
                ),
            ),
            ("heading", {"text": "Lesson visits with feedback", "size": "h3"}),
            (
                "paragraph",
                (
                    "<p>Teachers visit each other's lessons and give each other focused feedback. In this way they "
                    "learn from each other and together become better at their profession.</p>"
                ),
            ),
            ("heading", {"text": "Designing lessons together", "size": "h3"}),
            (
                "paragraph",
                (
                    "<p>Teachers design lessons together, try them out in the classroom and improve them based on what "
                    "they see happening with their pupils.</p>"
                ),
            ),
            ("heading", {"text": "Involving pupils", "size": "h3"}),
            (
                "paragraph",
                (
                    "<p>Pupils help shape their own education. Their voice helps to see what really works in the "
                    "classroom, and makes them more engaged in their own learning.</p>"
                ),
            ),
            (
                "image",
                {
                    "image": "bordsessie",
                    "alt_text": "A team of teachers stands together at a board with goals and points for improvement.",
                    "caption": "A board session: the team discusses the week's goals and improvements.",
                    "attribution": "",
                },
            ),
            (
                "faq",
                {
                    "heading": "Frequently asked questions about the method",
                    "items": [
                        {
                            "question": "Which schools is the method for?",
                            "answer": "<p>For primary schools, secondary schools and vocational colleges (mbo).</p>",
                        },
                        {
                            "question": "Does the culture of improvement last once leerKRACHT leaves?",
                            "answer": "<p>Yes. This is not a one-off campaign: we change the whole system, so that "
                            "schools can go on building better education on their own.</p>",
                        },
                    ],
                },
            ),
        ],
    },
    "impact": {
        "title": "Our impact",
        "slug": "our-impact",
        "intro": "The impact of Stichting leerKRACHT is structural, lasting and large-scale. Independent research has "
        "shown this.",
        "body": [
            ("figures", IMPACT_FIGURES),
            ("heading", {"text": "Structural", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>The method brings about structural change, and it works. The researchers at Utrecht University "
                    "even say they know of no other method that works as quickly, as well and as efficiently.</p>"
                ),
            ),
            ("heading", {"text": "Lasting", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>The culture of improvement in schools remains after Stichting leerKRACHT has left. It is not a "
                    "one-off campaign: the whole system is changed, so that schools can go on building better "
                    "education on their own.</p>"
                ),
            ),
            ("heading", {"text": "Large-scale", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>We started in 2012 with 15 schools. Today more than 12% of Dutch education works with the "
                    "leerKRACHT method, all over the Netherlands: 1,200 schools with more than 500,000 pupils, in "
                    "primary education, secondary education and vocational education (mbo).</p>"
                ),
            ),
        ],
        "research": [
            (
                "reference",
                {
                    "title": "Research into the leerKRACHT method",
                    "publisher": "Utrecht University",
                    "year": None,
                    "summary": "Independent research at leerKRACHT schools. The researchers know of no other method "
                    "that works as quickly, as well and as efficiently.",
                    "url": "",
                },
            ),
            (
                "reference",
                {
                    "title": "Effect study of the leerKRACHT programme (in Dutch)",
                    "publisher": "Oberon",
                    "year": 2019,
                    "summary": "Research into the positive effects of the method on the quality of education.",
                    "url": "https://www.oberon.eu/uitgelicht/artikel/2019/05/effectonderzoek-naar-leerkracht-programma.html",
                },
            ),
        ],
    },
    "verhalen": {
        "title": "Stories from practice",
        "slug": "stories",
        "intro": "Teachers, school leaders and pupils tell how they improve their education together.",
    },
    "diamant-college-leerlingbetrokkenheid": {
        "title": "What does real pupil engagement look like?",
        "slug": "diamant-college-pupil-engagement",
        "person_role": "teacher",
        "hero_image_alt": "Pupils and their teacher discuss a lesson together.",
        "pull_quote": "Pupils notice that their opinion matters. That makes them much more engaged in their own "
        "learning.",
        "summary": "What does real pupil engagement look like, and how do you create it? Samira Saïd, a teacher at "
        "Diamant College in The Hague, tells how she achieved it.",
        "place": "The Hague",
        "body": [
            (
                "paragraph",
                (
                    "<p>At Diamant College in The Hague, the team works with the leerKRACHT method. Teacher Samira "
                    "Saïd wanted to know how to truly involve pupils in their education, and not just on paper.</p>"
                ),
            ),
            ("heading", {"text": "Pupils as co-designers", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Instead of deciding for herself what could be better, she asked her pupils what helps them "
                    "learn. The teachers took their answers into the weekly board session and into designing lessons "
                    "together.</p>"
                ),
            ),
        ],
    },
    "stedelijk-gymnasium-arnhem-verbetering-vanuit-leerlingen": {
        "title": "Improving education, starting with the pupils",
        "slug": "stedelijk-gymnasium-arnhem-improvement-from-pupils",
        "person_name": "The teaching team",
        "hero_image_alt": "Gymnasium pupils present their ideas for improvement to their teachers.",
        "pull_quote": "Can improving education also start with the pupils? Yes, it can!",
        "summary": "Can improving education also start with the pupils? At Stedelijk Gymnasium Arnhem they know the "
        "answer: yes, it can!",
        "body": [
            (
                "paragraph",
                (
                    "<p>At Stedelijk Gymnasium Arnhem, pupils are not only the ones for whom education improves: they "
                    "take part themselves. With the leerKRACHT approach they help think about what could be better in "
                    "their lessons.</p>"
                ),
            ),
            ("heading", {"text": "Together at the board", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Pupils and teachers look together at what works and choose small improvements that they try "
                    "out straight away. This creates a culture of improvement in which everyone at school has a "
                    "part.</p>"
                ),
            ),
        ],
    },
    "mariaschool-rotterdam-bordsessies-groep-3": {
        "title": "Board sessions in groep 3",
        "slug": "mariaschool-rotterdam-board-sessions-groep-3",
        "person_name": "Groep 3 teacher",
        "hero_image_alt": "Children from groep 3 stand with their teacher at the board in the classroom.",
        "pull_quote": "When teachers enjoy their work more, the children enjoy school more too. And when teachers work "
        "on quality, the children get better education.",
        "summary": "The Mariaschool in Rotterdam works with the leerKRACHT approach. Every class works with the board "
        "in the classroom. How does the teacher of groep 3 (six- and seven-year-olds) experience these board "
        "sessions?",
        "body": [
            (
                "paragraph",
                (
                    "<p>Every classroom at the Mariaschool has a board on the wall. In groep 3, the class of six- and "
                    "seven-year-olds, the teacher and the children also discuss their goals there every week: what is "
                    "going well, and what do we want to do better?</p>"
                ),
            ),
            ("heading", {"text": "Enjoyment and quality", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>For the groep 3 teacher the difference is clear: working on quality together brings more "
                    "enjoyment in the job, and the children notice it too.</p>"
                ),
            ),
        ],
    },
    "campagnes": {
        "title": "Donate",
        "slug": "donate",
        "intro": "Your donation goes straight to scaling up and investment, so that we reach our tipping point. "
        "Choose where your gift goes.",
    },
    "besturenprogramma": {
        "title": "Besturenprogramma",
        "slug": "besturenprogramma-school-boards",
        "hero_image_alt": "School board members sit together at a table, in conversation.",
        "intro": "With the besturenprogramma, our programme for school boards, we introduce school boards to the "
        "leerKRACHT method, so that all their schools can start building a culture of improvement.",
        "amounts": [
            "e.g. €25 can let a school leader attend an introductory meeting.",
            "e.g. €50 can let a board member observe a board session at a leerKRACHT school.",
            "e.g. €100 can give a board team a working session on the method.",
            "e.g. €250 can help a school board take the first step with all its schools.",
        ],
        "body": [
            (
                "paragraph",
                (
                    "<p>Once a school has signed up for the leerKRACHT programme, it runs by itself. School boards "
                    "play a key role: they can let many schools take the step at once.</p>"
                ),
            ),
        ],
    },
    "leerkracht-versneller": {
        "title": "leerKRACHT-Versneller",
        "slug": "leerkracht-versneller-accelerator",
        "hero_image_alt": "A school team discusses the next step at the board.",
        "intro": "With the leerKRACHT-Versneller (accelerator) we persuade schools that already use some parts of our "
        "method to adopt the whole method.",
        "amounts": [
            "e.g. €35 can let a teacher spend a day at a school that uses the whole method.",
            "e.g. €75 can support a team in its first lesson visits with feedback.",
            "e.g. €150 can help a school introduce designing lessons together.",
        ],
        "body": [
            (
                "paragraph",
                (
                    "<p>Many schools already work with board sessions or lesson visits. The biggest gain lies in the "
                    "whole: board sessions, lesson visits, designing lessons together and involving pupils reinforce "
                    "each other.</p>"
                ),
            ),
        ],
    },
    "naar-het-kantelpunt": {
        "title": "Towards the tipping point",
        "slug": "towards-the-tipping-point",
        "hero_image_alt": "A graph rising towards the tipping point of 20% of schools.",
        "intro": "Your general support helps us give the last push towards the tipping point: 20% of all Dutch schools "
        "working with leerKRACHT.",
        "amounts": [
            "e.g. €25 can pay for the board-session materials of a whole team.",
            "e.g. €50 can give a teacher training in the method.",
            "e.g. €100 can give a school team a day of coaching.",
        ],
        "body": [
            (
                "paragraph",
                (
                    "<p>We still have quite a few challenges to overcome so that enough schools join in the coming "
                    "years. This is a chance to help millions of children and our whole society.</p>"
                ),
            ),
        ],
    },
    "partner-worden": {
        "title": "Become a partner",
        "slug": "become-a-partner",
        "intro": "That last push towards the tipping point: that is where you can help us.",
        "body": [
            ("heading", {"text": "Your help", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Once a school has signed up for the leerKRACHT programme, it runs by itself. However, we still "
                    "have quite a few challenges to overcome so that enough schools join in the next three years. For "
                    "this scaling up we are looking for support. For example for our besturenprogramma, with which we "
                    "want to introduce school boards to the leerKRACHT method. Or for the leerKRACHT-Versneller, with "
                    "which we persuade schools that already use some parts of our method to adopt the whole "
                    "method.</p>"
                ),
            ),
            ("heading", {"text": "How can you become a partner?", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Do you have a foundation, or would you like to make a donation as a private individual of "
                    "means? We would be glad to talk with you about the possibilities.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": "This is the most efficient way to improve our education!",
                    "attribute_name": "Peter Visser",
                    "role": "founding partner Egeria",
                },
            ),
            ("heading", {"text": "Show 30 teachers how you improve continuously", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>Education is more like a company or a hospital than you might think. In your organisation, "
                    "continuous improvement (Lean, Agile/scrum) helps to raise the quality of production or services, "
                    "and makes work more enjoyable for your staff. It is just the same in schools. As a company, "
                    "hospital or institution, you can help by showing a group of 30 teachers and school leaders, in "
                    "one afternoon, how you work with continuous improvement.</p>"
                ),
            ),
        ],
    },
    "anbi": {
        "title": "ANBI information",
        "slug": "anbi-information",
        "intro": "The Dutch Tax Administration (Belastingdienst) has designated Stichting leerKRACHT as a public "
        "benefit organisation (ANBI). This makes your gift tax-deductible in the Netherlands. Below is the "
        "information an ANBI is required to publish.",
    },
    "privacy": {
        "title": "Privacy statement",
        "slug": "privacy-statement",
        "intro": "How Stichting leerKRACHT handles your personal data.",
        "body": [
            (
                "paragraph",
                (
                    "<p>When you donate or contact us, we use your details only to process your gift, to send you a "
                    "confirmation and an annual overview and, if you choose to, to keep you informed. Payments are "
                    "handled by our payment provider Stripe; your bank or card details never reach our servers.</p>"
                ),
            ),
            ("heading", {"text": "How long we keep data", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>We keep the financial records of gifts for seven years, as the law requires. We delete the "
                    "details we hold for newsletters as soon as you unsubscribe or ask us to.</p>"
                ),
            ),
            ("heading", {"text": "Cookies", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>This site places no tracking cookies. We only use cookies that are needed to send forms "
                    "securely.</p>"
                ),
            ),
            ("heading", {"text": "Your rights", "size": "h2"}),
            (
                "paragraph",
                (
                    "<p>You can ask us to see, correct or delete your data. Send an e-mail to "
                    '<a href="mailto:info@stichting-leerkracht.nl">info@stichting-leerkracht.nl</a>.</p>'
                ),
            ),
        ],
    },
    "toegankelijkheid": {
        "title": "Accessibility statement",
        "slug": "accessibility",
        "intro": "Stichting leerKRACHT wants everyone to be able to use this website.",
        "body": [
            (
                "paragraph",
                (
                    "<p>This website is built to the requirements of WCAG 2.1 at level AA, the standard of "
                    "digitoegankelijk.nl (the Dutch government's accessibility standard). Every page and the donation "
                    "form can be used with the keyboard alone, and they are tested for accessibility "
                    "automatically.</p>"
                ),
            ),
            ("heading", {"text": "Found something that does not work?", "size": "h2"}),
            (
                "paragraph",
                (
                    '<p>Please let us know at <a href="mailto:info@stichting-leerkracht.nl">'
                    "info@stichting-leerkracht.nl</a>. We reply within five working days.</p>"
                ),
            ),
        ],
    },
    "contact": {
        "title": "Contact",
        "slug": "contact-us",
        "intro": "Questions about donating, partnerships or the method? Get in touch with us.",
        "body": [
            (
                "paragraph",
                (
                    "<p>Stichting leerKRACHT<br>"
                    '<a href="mailto:info@stichting-leerkracht.nl">info@stichting-leerkracht.nl</a></p>'
                ),
            ),
        ],
    },
}

FOOTER_TEXT = (
    "<p>Stichting leerKRACHT tackles unequal opportunities in education with a culture of improvement in schools.</p>"
)
