package corpus

// The word lists and sentence templates the articles are made of: plausible
// English news prose about Central Asian cities. A template's {slot} is
// filled by (*writer).slot; a slot spelled with a capital letter ({City},
// {Topic}) is capitalised. The text holds no character that Markdown or
// tilmash's message form would read as markup (* _ [ ] < & { } ` # \ and
// straight quotes): the writer adds the markup itself, through the slots
// {inst}, {ride}, {food}, {spot}, {strong}, {link}, {site}, {form}, {hashtag} and
// {dataset}. No template starts with a number (a
// paragraph "2019. …" would be a list) and no two numbers stand side by
// side (2019 150 reads as one grouped number).

// sections are the folders of content/.
var sections = []string{
	"politics", "economy", "society", "culture", "environment",
	"health", "education", "technology", "sport", "regions",
}

// place is a city and its country, for datelines.
type place struct{ city, country string }

var places = []place{
	{"Almaty", "Kazakhstan"}, {"Astana", "Kazakhstan"}, {"Shymkent", "Kazakhstan"},
	{"Karaganda", "Kazakhstan"}, {"Aktobe", "Kazakhstan"}, {"Taraz", "Kazakhstan"},
	{"Pavlodar", "Kazakhstan"}, {"Oskemen", "Kazakhstan"}, {"Semey", "Kazakhstan"},
	{"Atyrau", "Kazakhstan"}, {"Kostanay", "Kazakhstan"}, {"Kyzylorda", "Kazakhstan"},
	{"Turkistan", "Kazakhstan"}, {"Aktau", "Kazakhstan"}, {"Petropavl", "Kazakhstan"},
	{"Bishkek", "Kyrgyzstan"}, {"Osh", "Kyrgyzstan"}, {"Tashkent", "Uzbekistan"},
	{"Samarkand", "Uzbekistan"}, {"Dushanbe", "Tajikistan"},
}

var countries = []string{"Russia", "China", "Georgia", "Armenia", "Turkey", "Mongolia", "Uzbekistan", "Kyrgyzstan", "Germany", "South Korea"}

var publications = []string{"Post Soviet Journal", "The Steppe Courier", "Central Asia Review", "The Almaty Herald", "Eurasia Weekly", "The Caspian Observer"}

var firstNames = []struct {
	name string
	she  bool
}{
	{"Aigerim", true}, {"Dmitri", false}, {"Yerlan", false}, {"Saule", true}, {"Nurlan", false},
	{"Olga", true}, {"Timur", false}, {"Madina", true}, {"Askar", false}, {"Gulnara", true},
	{"Sergei", false}, {"Irina", true}, {"Bauyrzhan", false}, {"Dana", true}, {"Ruslan", false},
	{"Zhanna", true}, {"Arman", false}, {"Elena", true}, {"Kairat", false}, {"Aliya", true},
	{"Vasily", false}, {"Asel", true}, {"Marat", false}, {"Svetlana", true}, {"Daniyar", false},
	{"Ainur", true}, {"Pavel", false}, {"Kamila", true}, {"Bolat", false}, {"Natalia", true},
}

// lastNames are surnames, as a man and as a woman bears them.
var lastNames = [][2]string{
	{"Nurpeisov", "Nurpeisova"}, {"Abenov", "Abenova"}, {"Smith", "Smith"}, {"Karimov", "Karimova"},
	{"Petrov", "Petrova"}, {"Zhaksybekov", "Zhaksybekova"}, {"Ivanov", "Ivanova"}, {"Omarov", "Omarova"},
	{"Tokayev", "Tokayeva"}, {"Kuznetsov", "Kuznetsova"}, {"Seitkali", "Seitkali"}, {"Baimukhanov", "Baimukhanova"},
	{"Volkov", "Volkova"}, {"Akhmetov", "Akhmetova"}, {"Sultanov", "Sultanova"}, {"Mukanov", "Mukanova"},
	{"Orlov", "Orlova"}, {"Brown", "Brown"}, {"Ismailov", "Ismailova"}, {"Dzhaksybayev", "Dzhaksybayeva"},
}

var roles = []string{
	"a deputy mayor", "an economist at a private bank", "a spokesperson for the ministry",
	"a schoolteacher", "a taxi driver", "a retired engineer", "a market trader",
	"a researcher at the national university", "a district nurse", "a local councillor",
	"the head of a tenants group", "a lawyer who advises tenants",
	"a bus driver", "a pharmacist", "a building contractor",
}

var jobs = []string{
	"software developer", "nurse", "bus driver", "accountant", "student", "teacher",
	"construction worker", "shop owner", "translator", "cook", "mechanic", "photographer",
	"pensioner", "courier", "engineer", "hairdresser",
}

var orgs = []string{
	"the city council", "the ministry of energy", "the statistics bureau", "the regional health department",
	"the chamber of commerce", "the national bank", "the transport authority", "the water utility",
	"the union of teachers", "the ministry of labour", "the agency for migration", "the housing committee",
	"the audit chamber", "the regional court", "the chamber of notaries",
}

var districts = []string{
	"the old town", "the eastern suburbs", "the Medeu district", "the Bostandyk district",
	"the railway quarter", "the new microdistricts", "the river embankment", "the market streets",
	"the industrial zone", "the southern hills",
}

// topics are singular noun phrases: "{Topic} has …" always agrees.
var topics = []string{
	"the cost of housing", "the price of bread", "water supply", "public transport", "air quality",
	"the heating season", "the grain harvest", "the pension reform", "school funding",
	"the new border regime", "coal supply", "medical care in villages", "the bus network",
	"the minimum wage", "labour migration", "tourism", "the price of fuel", "mortgage lending",
	"the rental market", "the university entrance exam",
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// The local words articles set in italics: offices ({inst}), the minibus
// ({ride}), food ({food}) and places ({spot}).
var (
	institutions = []string{"akimat", "maslikhat"}
	rides        = []string{"marshrutka"}
	foods        = []string{"beshbarmak", "kumis", "baursak", "plov"}
	spots        = []string{"bazaar", "aul", "barakholka"}
)

// strongPhrases are set in bold; {pct} and {n} are filled in.
var strongPhrases = []string{"more than {pct} percent", "almost half", "nearly {pct} percent", "about a third", "at least {pct} percent"}

var linkTexts = []string{"a report published in {month}", "official figures", "the draft law", "a survey of households", "the ministry’s own data", "its annual report"}

// letterTexts are what residents send to officials.
var letterTexts = []string{"an open letter", "a petition", "a collective complaint"}

var linkPaths = []string{"reports", "data", "letters", "law", "survey", "news"}

var hashtags = []string{"almatyrent", "savekoktobe", "cleanair", "busstop", "bread", "heating", "teachers", "border", "harvest", "tenants"}

var datasets = []string{"kz_stat_housing.csv", "prices_monthly.xlsx", "census_2021.csv", "bus_routes.json", "wages_q3.csv"}

var forms = []string{"F-12", "T-7", "No. 114", "A-3", "R-21"}

// narration is the reporter's prose: the body of paragraphs.
var narration = []string{
	"According to {org}, {topic} has changed more in the past year than in the decade before it.",
	"{Org} said on {weekday} that some {big} residents of {city} had been affected.",
	"In {district} of {city}, residents say {topic} is now the main subject of conversation at bus stops and in shops.",
	"Officials at the {inst} declined to comment on the figures, saying a full review would be published {later}.",
	"The number of applications rose by {pct} percent between {yearA} and {yearB}, {link} shows.",
	"{Person}, {role}, said the problem was not new but had become harder to ignore.",
	"Prices in the central market have risen steadily since {month}, and traders expect the trend to continue.",
	"Many families now spend {strong} of their income on rent and utilities.",
	"The government promised to spend {bigm} million tenge on the programme, but critics say the money arrives too slowly.",
	"Residents who want help must fill in form {form} and wait, often for weeks, for an answer.",
	"Posts about {topic} under the hashtag {hashtag} have been shared thousands of times.",
	"Since {year}, the population of {city} has grown by almost {big}, most of them young people from the regions.",
	"For workers aged {range}, the situation is especially difficult, economists say.",
	"A survey by {org} found that {pct} percent of respondents were worried about {topic}.",
	"The average monthly wage in the region is about {tenge} tenge, well below the national average.",
	"Local journalists first wrote about the problem in {month} {year}, when a group of parents sent {letter} to the mayor.",
	"The figures, published in the file {dataset}, cover every district of the city.",
	"Some economists expect growth of {dec} percent this year, while others warn of a slowdown.",
	"At a meeting in {month}, members of the {inst} argued for hours over {topic} without reaching a decision.",
	"Neighbours in {district} have started sharing cars, childcare and even meals to save money.",
	"Buses from {city2} now arrive {n} times a day, twice as often as they did before {year}.",
	"The last time {topic} caused such debate was in {year}, when protests spread to several regions.",
	"{Person}, who has lived in {district} for {n} years, remembers when the street had no paved road at all.",
	"Under the new rules, landlords must register every contract within {n} days, or pay a fine of up to {tenge} tenge.",
	"Critics say the reform was written in the capital with little thought for towns like {city2}.",
	"Supporters of the plan point out that {topic} has been neglected since the early {decade}.",
	"In villages outside {city}, the nearest clinic is often an hour away by {ride}.",
	"The ministry said it would publish {link} on {topic} before the end of {month}.",
	"Among those who moved to {city} last year were some {big} people from {country}, according to border data.",
	"A spokesman for {org} said the agency was doing everything it could, but that it needed more staff.",
	"For many older residents, the changes recall the difficult years after {year}.",
	"Shop owners in {district} say fewer customers come in, and those who do buy less.",
	"The {inst} has opened a hotline, but callers say it is rarely answered before noon.",
	"By some estimates, {topic} will cost the city budget {bigm} million tenge over the next {n} years.",
	"Students who came to {city} to study often stay, taking jobs in cafes, shops and offices.",
	"What residents call {nested} began, they say, long before the current crisis.",
	"The debate has moved online, where groups with {big} members trade advice on {topic}.",
	"Teachers say they see the effects of {topic} in their classrooms every day.",
	"It is not clear whether the measures will be extended after {month}, {org} said.",
	"In {year}, a similar plan was abandoned after {n} months, when funding ran out.",
	"Visitors from {country} are now the largest group of foreign guests in {city}, ahead of those from {country2}.",
	"Families with {few} or more children may apply for a discount, but few know the scheme exists.",
	"Dozens of residents gathered outside the {inst} on {weekday} morning to hand in their complaints.",
	"Officials insist that the system works, pointing to a rise of {strong} in the number of cases resolved.",
	"The reporter spent {n} days in {city} and {city2}, speaking to residents, officials and traders.",
	"At the {spot} on the edge of town, stallholders have raised their prices twice since {month}.",
	"A plate of {food} in a roadside cafe now costs {pct} percent more than it did a year ago.",
	"The road to {city2} was repaired in {year}, but lorries have already broken it up again.",
	"Landlords in {district} now ask for three months of rent in advance, and some for six.",
	"Pensioners in {city} receive about {tenge} tenge a month, and many say it is not enough to heat a flat.",
	"When the {inst} announced the changes in {month}, few people paid attention.",
	"The new rules were adopted by {org} in {year} and came into force {later}.",
	"In a statement, {org} said it had received {big} requests since the start of the year.",
	"Nobody at the {inst} could say how many families were still waiting for an answer.",
	"The problem is most visible in the mornings, when queues form outside offices before they open.",
	"{Person}, {role}, put it more bluntly: the city has grown faster than anyone planned.",
	"Most of the newcomers rent rooms in {district}, where flats are cheaper but buses are rare.",
	"In {month}, {org} raised its forecast for inflation to {dec} percent.",
	"Last winter, temperatures in {city} fell below minus {n} degrees for a week.",
	"Some residents have sent {letter} to {org}, asking for the decision to be reviewed.",
	"The mayor has promised {strong} more places in kindergartens by {yearB}.",
	"Private clinics have opened in {district}, but a visit costs about {tenge} tenge, far beyond most budgets.",
	"Data from {org} suggest that one household in {few} has cut spending on food.",
	"Across the border in {country}, the same debate has played out over the past {n} months.",
	"On the shore of the river, a new housing estate of {n} towers is rising where there used to be orchards.",
	"For the {spot} traders, the busiest days are before holidays, when families gather around the {food}.",
	"Drivers of the {ride} say they work longer hours for less money than before {year}.",
	"The question came up again at the {inst} in {month}, when a deputy read out letters from residents.",
	"Every spring, the melting snow floods the lower streets of {district}, and every spring the repairs are promised again.",
	"Figures released on {weekday} show that {big} people registered as unemployed in the region.",
	"Some of those interviewed asked not to be named, fearing trouble at work.",
	"It was the {ord} time in {n} years that the rules had been rewritten.",
	"A group of volunteers has started a map of the problem, now used by {big} people.",
	"Parents in {district} say their children spend up to {few} hours a day on the road to school.",
	"The national bank kept its main rate at {dec} percent in {month}, citing uncertainty abroad.",
	"Few believe the situation will improve before {yearB}, a survey by {org} found.",
}

// termSentences are narration that names one of newsTerms ({term}), drawn
// from an article's own stream of terms (see termPercent), so that the
// terms of a newsroom's glossary stand in the English as often as they do
// in a regional archive, and the translations have to render them. They
// hold no other slot.
var termSentences = []string{
	"Talk of {term} came up in almost every conversation.",
	"Several residents mentioned {term} without being asked.",
	"The question of {term} was raised again at a public hearing.",
	"Older residents still measure everything against {term}.",
	"A local blogger has written about {term} for years.",
	"Nobody in the queue wanted to talk about {term}.",
	"Everyone here dreams of a *kvartira* of their own, however small.",
	"At every *praznik* the family counts the *meloch* left for the bus.",
}

// newsTerms are the words and names of regional news that a newsroom's
// glossary decides how to render (the live project's glossary has each).
var newsTerms = []string{
	"visas", "the hostel", "the flea market", "state television", "high school", "exam papers",
	"a telecoms company", "mobilisation", "the mobilization", "the frontline", "the front line",
	"the Russian government", "the American government", "Russians", "Kazakhs", "Kazakh land",
	"the former republics of the Soviet Union", "the Soviet Union", "the USSR", "Moscow", "Ukraine",
	"Yekaterinburg", "Putin", "the west", "conscripts", "Yuri Gagarin", "America", "Kazakhstan",
	"Russia", "Georgia", "Armenia", "Kyrgyzstan", "Almaty", "Astana", "aliens",
}

// later says when something will happen.
var later = []string{"next month", "later this year", "in the spring", "after the elections", "by the end of the year"}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// speech is what the people interviewed say, in the first person.
var speech = []string{
	"I came to {city} in {year} because my brother already had work here.",
	"Nobody in my family expected {topic} to change so quickly.",
	"We pay almost {tenge} tenge a month for a small flat, and the landlord wants more.",
	"My children go to school in {district}, so we cannot move further out.",
	"At first it was hard, but people here were kind to us.",
	"I work {hours} hours a day, six days a week, and still it is not enough.",
	"The officials promise a lot, but nothing changes in our street.",
	"In {city2} there was no work at all, so we had no choice.",
	"I do not want to leave, this is my home now.",
	"Every winter we wait for the heating to come on, and every winter it is late.",
	"My parents still live in the village and I send them money every month.",
	"When I was young, {topic} was never a problem.",
	"I read about it in the news like everyone else.",
	"We have friends from {country} who came last year, and they say it is the same there.",
	"If the prices go up again, we will have to sell the car.",
	"I think the young people will leave first, and then the rest of us.",
	"It is better than it was in {year}, I have to say that.",
	"My neighbour calls it {nested}, and I think she is right.",
	"Nobody asked us what we wanted.",
	"I have worked as {aJob} for {n} years and I have never seen anything like it.",
	"On weekends I sell {food} at the {spot}, it pays for the children’s shoes.",
	"The {ride} is always full in the morning, you stand the whole way.",
	"I went to the {inst} three times and each time they sent me somewhere else.",
	"Our rent went up twice last year, and the flat is no better.",
	"My daughter wants to study in {city2}, but we cannot afford it.",
	"People say it will be better after {yearB}, but they said that before.",
	"We learned everything from a chat group with {big} members.",
	"I am not afraid of work, I am afraid of not finding any.",
	"My husband works in {country} and comes home twice a year.",
	"When the lights go out in winter, the whole building comes down to the yard.",
	"Here at least the schools are good and the streets are safe.",
	"I voted for the new council, and I am still waiting.",
}

// says attributes speech.
var says = []string{"says", "said", "explains", "adds", "told me"}

// questions are the interviewer's questions (without the quotation marks).
var questions = []string{
	"Why did you come to {city}?",
	"What has changed since {year}?",
	"How do you manage the cost of living?",
	"What do you think about {topic}?",
	"Do you plan to stay?",
	"What would you ask the mayor?",
	"How did your family react?",
	"What is the hardest part of your day?",
	"Who helped you when you arrived?",
	"What do you miss about {city2}?",
	"Has {topic} affected your work?",
	"Where do you see yourself in {n} years?",
	"What did you do before you came here?",
	"How much do you spend on rent?",
	"What would make you leave?",
	"Do your children like it here?",
	"What did the {inst} tell you?",
	"Is life better than in {year}?",
}

// items are list items: facts and figures.
var items = []string{
	"Rents in the city centre rose by {pct} percent in {yearB}.",
	"About {big} people applied for housing support last year.",
	"The average commute is now {n} minutes each way.",
	"Only {pct} percent of villages have a clinic of their own.",
	"The {inst} received {big} complaints about {topic}.",
	"A loaf of bread costs {dec} times what it did in {year}.",
	"A new bus line to {district} opens in {month}.",
	"Schools in the region lack some {big} teachers.",
	"The water network in {district} was built in {year} and never replaced.",
	"Workers aged {range} make up most of those leaving the region.",
	"Fines for late registration start at {tenge} tenge.",
	"The hotline answers calls from {n} in the morning.",
}

// steps are the items of numbered lists: what a resident must do.
var steps = []string{
	"Register the contract at the {inst} within {n} days.",
	"Fill in form {form} and attach a copy of your passport.",
	"Pay the fee of {tenge} tenge at any bank.",
	"Wait for a text message with the date of your appointment.",
	"Bring the original documents to the office in {district}.",
	"Keep the receipt: you will need it again in {month}.",
	"Check the status of your application on {site}.",
}

// captions are photo captions (each ends with a full stop).
var captions = []string{
	"A minibus stop on the edge of {city}.",
	"The central market in {city} on a {weekday} morning.",
	"Soviet apartment blocks in {district}.",
	"Traders at a bazaar in {city}.",
	"A queue outside the {inst} in {city}.",
	"The river embankment in winter.",
	"Children on their way to school in {district}.",
	"A construction site on the road to {city2}.",
	"Evening traffic in the centre of {city}.",
	"A new housing estate in {district}.",
}

// headings are section headings.
var headings = []string{
	"What the figures show", "A city of newcomers", "The cost of staying", "Looking ahead",
	"Voices from the market", "Who pays", "The view from {city}", "Between two cities",
	"An old problem", "What officials say", "Life in {district}", "A winter to remember",
	"The numbers behind {topic}", "Promises and delays", "A new generation",
}

// subheadings are level-3 headings inside a section.
var subheadings = []string{"How the survey was done", "What the law says", "A note on the figures", "What residents can do", "The background"}

// titles are headlines.
var titles = []string{
	"In {city}, {topic} becomes a family matter",
	"{City} residents worry about {topic}",
	"The long wait: {topic} in {city}",
	"Newcomers change the face of {city}",
	"Why {topic} divides {city}",
	"A winter of {topic} in {city}",
	"{City} and the question of {topic}",
	"Life on the edge of {city}",
}

// notes are the editors' notes under a headline.
var notes = []string{"Some names have been changed.", "All names have been changed.", "This article was updated after publication."}

// nested are phrases in single quotation marks, as people call things.
var nested = []string{"the long winter", "the new normal", "the great move", "the second wave", "the price war"}

// edits are the words an author changes in a paragraph after it was
// translated: the English the stale translations were made from has the
// other word.
var edits = [][2]string{
	{"said", "stated"}, {"residents", "people"}, {"some", "about"}, {"new", "recent"},
	{"city", "town"}, {"families", "households"}, {"year", "season"}, {"many", "several"},
}
