"""Base stories for the dedup labelled set, written for this project (no corpus text).

Each story: country, title, an edited headline as another desk would write it, and its
paragraphs. Three stories per country on the same day make the hard negatives "two wire
stories the same day about the same country".
"""

STORIES = [
    # --- Iraq ---
    dict(country="iraq", slug="babil-strike",
         title="US strike hits Iran-backed militia site in Iraq's Babil province",
         alt="American airstrike targets militia compound south of Baghdad",
         paras=[
             "BAGHDAD (Wire) — A United States airstrike hit a compound used by an Iran-backed militia in Babil province late on Tuesday, two Iraqi security officials said.",
             "The strike targeted a weapons depot near the town of Jurf al-Sakhar, about 60 kilometres south of the capital, the officials said, speaking on condition of anonymity.",
             "The Pentagon said the operation was a response to drone attacks on bases hosting American troops in Iraq and Syria in recent weeks.",
             "Kataib Hezbollah, one of the groups in the Popular Mobilisation Forces, said four of its fighters were killed and vowed to respond.",
             "The Iraqi government condemned the strike as a violation of its sovereignty and summoned the US charge d'affaires in Baghdad.",
         ]),
    dict(country="iraq", slug="basra-oil",
         title="Iraq signs deal to expand oil output at southern Basra fields",
         alt="Baghdad agrees contract to lift production at Basra oilfields",
         paras=[
             "BASRA, Iraq (Wire) — Iraq's oil ministry signed an agreement on Tuesday with a consortium of foreign companies to raise output at two fields near Basra.",
             "The deal aims to add 250,000 barrels per day within five years and includes a plant to capture gas that is now flared, the ministry said in a statement.",
             "Oil sales provide more than ninety percent of the Iraqi state's revenue, and the government has struggled to pay public salaries when prices fall.",
             "Officials said the consortium would also train local engineers and build a water injection facility to keep pressure in the ageing reservoirs.",
         ]),
    dict(country="iraq", slug="mosul-library",
         title="Mosul university library reopens years after Islamic State fire",
         alt="Rebuilt Mosul library opens its doors to students again",
         paras=[
             "MOSUL, Iraq (Wire) — The central library of Mosul University reopened on Tuesday, years after Islamic State militants set it on fire during their occupation of the city.",
             "Volunteers and donors from around the world helped replace more than thirty thousand books, the university's president told reporters at the ceremony.",
             "Students queued at the entrance before the doors opened, and some said they had studied for years using borrowed photocopies.",
             "Reconstruction of the old city, including the al-Nuri mosque and its leaning minaret, is still under way with support from the United Nations.",
         ]),
    # --- Ukraine ---
    dict(country="ukraine", slug="kharkiv-power",
         title="Russian missiles knock out power in Kharkiv as winter nears",
         alt="Kharkiv left without electricity after overnight missile barrage",
         paras=[
             "KYIV (Wire) — Russian missiles struck energy facilities in Kharkiv overnight, leaving much of Ukraine's second largest city without power, the regional governor said on Wednesday.",
             "Repair crews were working to restore supplies to hospitals and water pumping stations first, and the city switched its metro to emergency generators.",
             "Ukraine's air force said it shot down most of the drones launched in the attack but that several ballistic missiles reached their targets.",
             "Officials urged residents to store water and charge phones while supplies lasted, warning that outages could continue for several days.",
         ]),
    dict(country="ukraine", slug="grain-corridor",
         title="Ukraine says grain exports through Black Sea corridor hit record",
         alt="Record grain shipments leave Ukrainian ports via Black Sea route",
         paras=[
             "KYIV (Wire) — Ukraine exported a record volume of grain through its Black Sea shipping corridor last month, the infrastructure ministry said on Wednesday.",
             "More than six million tonnes of wheat, corn and barley left the ports of Odesa, Chornomorsk and Pivdennyi, the ministry said, despite Russian attacks on port facilities.",
             "Traders said insurance costs for ships calling at Ukrainian ports had fallen since the corridor was established, drawing more vessels back to the route.",
             "Agriculture accounted for roughly two fifths of Ukraine's export earnings before the full-scale invasion began.",
         ]),
    dict(country="ukraine", slug="kyiv-metro",
         title="Kyiv opens new metro stations after long delay",
         alt="Long-awaited Kyiv metro extension finally carries passengers",
         paras=[
             "KYIV (Wire) — Kyiv opened two new metro stations on Wednesday on a line extension whose construction was halted for years by funding disputes and the war.",
             "The stations link a fast-growing residential district on the city's left bank to the centre, cutting journeys by up to forty minutes, the mayor's office said.",
             "Like other stations in the capital, they are designed to double as shelters during air raid alerts and have backup ventilation systems.",
             "The city said the contractor would complete a third station next year if financing from international lenders arrives as planned.",
         ]),
    # --- Brazil ---
    dict(country="brazil", slug="amazon-deforestation",
         title="Deforestation in Brazil's Amazon falls to lowest level in years",
         alt="Amazon forest clearing drops sharply, Brazilian data show",
         paras=[
             "BRASILIA (Wire) — Deforestation in Brazil's Amazon rainforest fell by more than a fifth in the twelve months to July, preliminary satellite data from the national space research institute showed on Thursday.",
             "The environment minister credited stepped-up enforcement, including fines and seizures of cattle raised on illegally cleared land.",
             "Scientists cautioned that drought and wildfires, which are not counted in the clearing figures, still threaten large areas of the forest.",
             "The government has pledged to end illegal deforestation by the end of the decade and is seeking foreign contributions to the Amazon Fund.",
         ]),
    dict(country="brazil", slug="rio-floods",
         title="Floods and landslides kill at least 12 in Rio de Janeiro state",
         alt="Heavy rains in Rio de Janeiro state leave a dozen dead",
         paras=[
             "RIO DE JANEIRO (Wire) — Torrential rain triggered floods and landslides that killed at least twelve people in Rio de Janeiro state, the civil defence agency said on Thursday.",
             "Rescue teams searched for people buried when a hillside collapsed onto homes in the mountain town of Petropolis, where more rain was forecast.",
             "Hundreds of residents were moved to schools and churches, and the state governor declared a state of emergency in five municipalities.",
             "Meteorologists said more rain fell in six hours than is usual for the whole month of February.",
         ]),
    dict(country="brazil", slug="brazil-rates",
         title="Brazil central bank holds interest rate steady, signals caution",
         alt="Brazilian policymakers keep Selic unchanged amid inflation worries",
         paras=[
             "SAO PAULO (Wire) — Brazil's central bank kept its benchmark Selic interest rate unchanged on Thursday, saying inflation expectations had drifted above its target.",
             "The decision by the monetary policy committee was unanimous and had been expected by most economists polled before the meeting.",
             "Policymakers said they would remain vigilant about government spending and a weaker currency, which raise the cost of imported goods.",
             "Consumer prices rose by an annual four and a half percent in the latest reading, at the top of the tolerance range.",
         ]),
    # --- Japan ---
    dict(country="japan", slug="japan-quake",
         title="Strong earthquake shakes northern Japan, no tsunami warning issued",
         alt="Quake rattles northeastern Japan; no tsunami expected",
         paras=[
             "TOKYO (Wire) — A strong earthquake struck off the coast of northern Japan on Friday, shaking buildings in Sendai, but the meteorological agency said no tsunami was expected.",
             "The agency put the preliminary magnitude at 6.4 and said the quake was centred about fifty kilometres below the seabed.",
             "East Japan Railway briefly halted bullet train services to check tracks, and the nuclear regulator said no abnormalities were found at plants in the region.",
             "Japan sits on several tectonic plates and accounts for about a fifth of the world's strongest earthquakes.",
         ]),
    dict(country="japan", slug="japan-yen",
         title="Yen slides to lowest against dollar since 1990 as officials warn",
         alt="Japanese currency weakens further, prompting warnings from Tokyo",
         paras=[
             "TOKYO (Wire) — The yen fell to its weakest level against the dollar in more than three decades on Friday, prompting Japan's top currency diplomat to warn against speculative moves.",
             "Traders said the wide gap between Japanese and US interest rates continued to drive investors out of the currency.",
             "The finance ministry declined to say whether it had intervened in the market, but the vice minister said officials were watching with a high sense of urgency.",
             "A weak yen lifts the profits of exporters such as carmakers but raises the cost of imported food and fuel for households.",
         ]),
    dict(country="japan", slug="japan-rice",
         title="Japan releases emergency rice stocks as prices soar",
         alt="Tokyo taps reserve rice to cool record supermarket prices",
         paras=[
             "TOKYO (Wire) — Japan's agriculture ministry said on Friday it would release part of the government's emergency rice reserves after retail prices rose to record highs.",
             "A hot summer damaged the last harvest, and distributors have been holding back supplies, officials said.",
             "Supermarkets in Tokyo and Osaka have limited purchases to one bag per customer, and some restaurants have raised the price of set meals.",
             "The ministry said the released rice would reach shops within weeks and that it would monitor whether wholesalers passed on lower costs.",
         ]),
    # --- Nigeria ---
    dict(country="nigeria", slug="lagos-fuel",
         title="Long fuel queues return to Lagos as supply disruptions persist",
         alt="Motorists in Lagos wait hours for petrol amid shortages",
         paras=[
             "LAGOS (Wire) — Long queues formed at petrol stations across Lagos on Monday as a disruption in fuel deliveries stretched into a second week.",
             "Motorists said they had waited up to five hours, and commercial motorcycle riders raised fares because of the shortage.",
             "The state oil company blamed logistical problems at import terminals and said additional cargoes would arrive within days.",
             "Nigeria is Africa's largest oil producer but has long relied on imports of refined fuel, though a large new refinery near Lagos has begun production.",
         ]),
    dict(country="nigeria", slug="nigeria-kidnap",
         title="Gunmen abduct dozens of students from school in northwest Nigeria",
         alt="Dozens of pupils kidnapped in attack on Nigerian school",
         paras=[
             "KADUNA, Nigeria (Wire) — Gunmen abducted dozens of students from a secondary school in Kaduna state on Monday, police and residents said.",
             "The attackers arrived on motorcycles before dawn and forced pupils into the surrounding forest, a teacher told reporters by telephone.",
             "Security forces were deployed to track the kidnappers, the state governor said, adding that the exact number of missing students was being verified.",
             "Armed gangs have carried out a series of mass abductions in the northwest in recent years, usually demanding ransoms.",
         ]),
    dict(country="nigeria", slug="nigeria-naira",
         title="Nigeria's naira firms after central bank clears foreign exchange backlog",
         alt="Naira gains as Nigerian central bank settles dollar arrears",
         paras=[
             "ABUJA (Wire) — Nigeria's naira strengthened against the dollar on Monday after the central bank said it had cleared a backlog of foreign exchange obligations owed to airlines and manufacturers.",
             "The currency has lost much of its value since the government unified exchange rates and allowed the naira to trade more freely.",
             "Analysts said the move would help restore confidence among foreign investors, who had complained about being unable to repatriate earnings.",
             "Inflation remains above thirty percent, driven by food prices and the cost of imported goods.",
         ]),
    # --- Germany ---
    dict(country="germany", slug="germany-rail-strike",
         title="German train drivers begin new strike, halting most services",
         alt="Rail strike brings German passenger traffic to a standstill",
         paras=[
             "BERLIN (Wire) — German train drivers began a strike on Wednesday that halted most long-distance and regional services, the union said, in a dispute over working hours.",
             "Deutsche Bahn said it would run an emergency timetable covering about a fifth of its usual long-distance trains and urged passengers to postpone journeys.",
             "The union is demanding a shorter working week without a cut in pay, which the rail operator says it cannot afford.",
             "Freight services were also affected, and industry groups warned of delays to deliveries of chemicals and car parts.",
         ]),
    dict(country="germany", slug="germany-budget",
         title="German coalition agrees budget after weeks of wrangling",
         alt="Berlin's governing parties strike deal on next year's budget",
         paras=[
             "BERLIN (Wire) — Leaders of Germany's governing coalition agreed on a budget for next year early on Wednesday after weeks of negotiations over how to close a funding gap.",
             "The deal includes cuts to some subsidies and a delay in planned investments, the finance minister told a news conference.",
             "The constitutional court had ruled last year that the government could not shift unused pandemic credit to a climate fund, leaving a hole in its plans.",
             "The budget still needs approval by parliament, where opposition parties criticised it as unfair to farmers and families.",
         ]),
    dict(country="germany", slug="germany-wolves",
         title="Germany debates easier culling as wolf numbers rise",
         alt="German states push for simpler rules on shooting wolves",
         paras=[
             "BERLIN (Wire) — German environment ministers met on Wednesday to discuss making it easier to shoot wolves that repeatedly attack livestock, as the animal's population keeps growing.",
             "Wolves returned to Germany about twenty-five years ago after being hunted to extinction, and there are now more than one hundred and eighty packs.",
             "Farmers say fences and guard dogs are not enough to protect sheep, while conservation groups warn that culling will not solve the problem.",
             "Under current rules, a wolf can only be shot after its involvement in several attacks has been proven by genetic tests.",
         ]),
    # --- India ---
    dict(country="india", slug="india-heatwave",
         title="Heatwave grips northern India as temperatures pass 47C",
         alt="Scorching heat across north India pushes thermometers above 47 degrees",
         paras=[
             "NEW DELHI (Wire) — Temperatures in parts of northern India rose above 47 degrees Celsius on Tuesday, the weather office said, as a heatwave strained power grids and water supplies.",
             "Schools in Delhi extended their summer holidays, and hospitals set up special wards for heatstroke patients.",
             "Electricity demand hit a record as households and offices ran air conditioners through the night, the power ministry said.",
             "Scientists say climate change is making heatwaves in South Asia longer, more frequent and more intense.",
         ]),
    dict(country="india", slug="india-moon",
         title="India's space agency prepares next moon mission after successful landing",
         alt="After lunar landing, Indian space agency readies follow-up mission",
         paras=[
             "BENGALURU (Wire) — India's space agency said on Tuesday it was preparing a follow-up lunar mission that would bring samples back to Earth, building on its successful landing near the moon's south pole.",
             "The chairman of the agency told reporters that the mission would require two launches and docking in orbit, a technique the agency is still testing.",
             "India became the first country to land a spacecraft near the lunar south pole, where scientists believe ice may be trapped in shadowed craters.",
             "The government has approved funding for the project and for a crewed orbital flight planned for the coming years.",
         ]),
    dict(country="india", slug="india-election",
         title="Millions vote in final phase of India's general election",
         alt="Indians cast ballots as marathon national election ends",
         paras=[
             "NEW DELHI (Wire) — Millions of Indians voted on Tuesday in the last phase of a general election held over six weeks, with counting due later this week.",
             "Polling stations opened early to avoid the worst of the afternoon heat, and officials provided water and shade for people waiting in line.",
             "The election commission said turnout in earlier phases was slightly lower than five years ago, which some analysts attributed to the high temperatures.",
             "Nearly a billion people were registered to vote, making it the largest election in the world.",
         ]),
    # --- Mexico ---
    dict(country="mexico", slug="mexico-hurricane",
         title="Hurricane makes landfall on Mexico's Pacific coast near Acapulco",
         alt="Powerful storm slams into Acapulco region of Mexico",
         paras=[
             "MEXICO CITY (Wire) — A hurricane made landfall near the resort city of Acapulco early on Saturday, bringing winds of more than two hundred kilometres an hour, the national weather service said.",
             "Authorities opened shelters and closed ports along the coast of Guerrero state, and the navy positioned aid supplies inland.",
             "Forecasters warned of life-threatening storm surge and heavy rain that could cause flooding and mudslides in the mountains.",
             "The storm intensified rapidly over warm waters in the hours before landfall, catching some residents by surprise.",
         ]),
    dict(country="mexico", slug="mexico-water",
         title="Mexico City imposes water cuts as reservoirs run low",
         alt="Reservoir shortage forces rationing in Mexico City",
         paras=[
             "MEXICO CITY (Wire) — Authorities in Mexico City announced rotating water cuts on Saturday as the reservoirs that supply the capital fell to record low levels after years of drought.",
             "The national water commission said the main reservoir system was at less than a third of its capacity.",
             "Neighbourhoods on the city's outskirts, many of which already rely on delivery trucks, will receive water only on certain days of the week.",
             "Experts say leaks in ageing pipes waste around forty percent of the water the city pumps.",
         ]),
    dict(country="mexico", slug="mexico-judges",
         title="Mexico holds first election of judges under contested reform",
         alt="Mexicans vote for judges for first time after court overhaul",
         paras=[
             "MEXICO CITY (Wire) — Mexicans voted on Saturday to choose thousands of judges, including members of the Supreme Court, under a constitutional reform that critics say threatens judicial independence.",
             "Supporters of the reform, championed by the governing party, say popular elections will make courts more accountable and reduce corruption.",
             "Opposition parties and judges' associations called for a boycott, and early reports suggested turnout was low in many states.",
             "Results are expected within days, and the new judges will take office later this year.",
         ]),
]

# Machine-written reports that share almost every word but are different events: the site
# template hard negatives. (place, magnitude, depth, time) and so on fill the slots.
TEMPLATES = [
    dict(slug="quake-report",
         title="M{a} earthquake strikes {b}",
         text=("A magnitude {a} earthquake struck {b} at {c} UTC on Sunday, the geological survey said.\n"
               "The quake was recorded at a depth of {d} kilometres, according to preliminary data.\n"
               "There were no immediate reports of damage or injuries, and no tsunami warning was issued for the region.\n"
               "This report was generated automatically from seismic data and may be updated as more information arrives."),
         fills=[("5.1", "20 km north of Hualien, Taiwan", "03:12", "12"),
                ("4.8", "35 km west of Valparaiso, Chile", "11:40", "33"),
                ("5.6", "off the coast of Sumatra, Indonesia", "18:05", "60"),
                ("4.9", "near Kermadec Islands, New Zealand", "07:55", "10")]),
    dict(slug="market-close",
         title="{a} stocks close {b} as {c} shares lead",
         text=("Stocks in {a} closed {b} on Monday, with {c} companies leading the move, exchange data showed.\n"
               "The main index ended the session {d} percent {b}, while trading volume was near its monthly average.\n"
               "The currency was little changed against the dollar and government bond yields held steady.\n"
               "Market data is provided for information only and is delayed by at least fifteen minutes."),
         fills=[("Tokyo", "higher", "technology", "0.8"),
                ("Frankfurt", "lower", "car", "1.1"),
                ("Sao Paulo", "higher", "mining", "0.6"),
                ("Mumbai", "lower", "banking", "0.4")]),
    dict(slug="weather-warning",
         title="Weather service issues {a} warning for {b}",
         text=("The national weather service issued a {a} warning for {b} on Tuesday, valid until {c} local time.\n"
               "Residents were advised to follow instructions from local authorities and avoid unnecessary travel.\n"
               "Forecasters expect conditions to ease by {d}, although further warnings may be issued.\n"
               "Check the weather service website for the latest updates and maps of affected areas."),
         fills=[("flood", "the Rhine valley", "18:00", "Thursday morning"),
                ("heat", "Andalusia", "21:00", "the weekend"),
                ("storm", "northern Scotland", "06:00", "Wednesday evening"),
                ("snow", "the Alps", "12:00", "Friday")]),
]

BOILERPLATE_TOP = ["Advertisement", "Listen to this article", "Share"]
BOILERPLATE_BOTTOM = [
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox.",
    "Copyright 2024 The Wire Agency. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
    "Follow us on social media for breaking news and live coverage from around the world.",
]
SITE_BOILERPLATE_BOTTOM = [
    "Read more: the latest headlines from our newsroom, updated around the clock by our editors.",
    "Comments are closed for this article. Please read our community guidelines before posting elsewhere on the site.",
    "Our journalism depends on readers like you. Support independent reporting with a monthly subscription today.",
]

# Headlines that recur with different stories under them (newsletters, live pages), and a
# long editor's note some sites put above every article: same key, different story.
RECURRING_TITLE = "Morning briefing: what you need to know today"
EDITORS_NOTE = ("Editor's note: this article is part of our continuing coverage of world news, "
                "updated throughout the day as our correspondents file new reports.")
