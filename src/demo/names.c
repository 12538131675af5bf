/* names.c - see demo.h: made-up people's names, from first names and
 * surnames common in the UK's schools and staff rooms, of many origins,
 * with the accents, apostrophes and hyphens real names have (so the pages
 * that show them and the search that finds them meet those too). */
#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "demo/demo.h"

/* English, Welsh, Scottish, Irish */
static const char *const first_british[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Freya", "Ella", "Poppy", "Charlotte",
	"Evie", "Jessica", "Ruby", "Alice", "Florence", "Daisy", "Hannah", "Rosie", "Lucy", "Katie", "Rebecca",
	"Sarah", "Rachel", "Claire", "Helen", "Joanne", "Nicola", "Gemma", "Laura", "Emma", "Kate", "Jane", "Louise",
	"Victoria", "Elizabeth", "Catherine", "Anne", "Margaret", "Susan", "Alison", "Fiona", "Heather", "Kirsty",
	"Morag", "Eilidh", "Ailsa", "Carys", "Cerys", "Ffion", "Seren", "Megan", "Bethan", "Nia", "Siobhán", "Niamh",
	"Aoife", "Orla", "Saoirse", "Róisín", "Ciara", "Zoë", "Chloé", "Noémie", "Oliver", "George", "Harry", "Jack",
	"Jacob", "Charlie", "Thomas", "James", "William", "Henry", "Alfie", "Joshua", "Daniel", "Samuel", "Benjamin",
	"Edward", "Matthew", "Andrew", "David", "Richard", "Peter", "Paul", "Mark", "Stephen", "Michael",
	"Christopher", "Robert", "Simon", "Jonathan", "Nicholas", "Tom", "Ben", "Luke", "Adam", "Ryan", "Callum",
	"Lewis", "Jamie", "Ross", "Euan", "Angus", "Fraser", "Hamish", "Rhys", "Dylan", "Gareth", "Dafydd", "Owain",
	"Ieuan", "Gethin", "Cian", "Seán", "Oisín", "Conor", "Declan", "Niall", "Patrick", "Ciarán",
};
static const char *const last_british[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
	"Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
	"Clarke", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore",
	"Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson",
	"Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
	"Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Marshall",
	"Anderson", "Simpson", "Ellis", "Adams", "Wilkinson", "Foster", "Chapman", "Powell",
	"Webb", "Rogers", "Gray", "Mason", "Hunt", "Campbell", "Matthews", "Owen", "Palmer",
	"Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens",
	"Jenkins", "Dixon", "Fletcher", "Howard", "Gibson", "Pearson", "Fox", "Reynolds", "Lawrence",
	"Hart", "Hudson", "Dawson", "Atkinson", "Sutton", "Pritchard", "Llewellyn", "Rees", "Parry", "Vaughan",
	"MacDonald", "McKenzie", "MacLeod", "Fraser", "Stewart", "Robertson", "Ferguson", "McLaughlin", "Sinclair",
	"Cameron", "Grant", "Murray", "Ross", "O'Brien", "O'Connor", "O'Sullivan", "O'Neill", "McCarthy", "Byrne",
	"Doyle", "Gallagher", "Kennedy", "Quinn", "Ní Bhriain", "Ó Súilleabháin", "Smith-Jones", "Bowen-Hughes",
	"Lloyd-Davies", "Hughes-Parry", "Ashworth",
};

/* South Asian */
static const char *const first_south_asian[] = {
	"Aisha", "Priya", "Anjali", "Deepa", "Sunita", "Kiran", "Meera", "Nisha", "Pooja", "Simran", "Harpreet",
	"Gurpreet", "Jaspreet", "Amrit", "Fatima", "Zainab", "Ayesha", "Sana", "Nadia", "Rukhsana", "Shabana",
	"Tasnim", "Farhana", "Nusrat", "Raj", "Arjun", "Rohan", "Vikram", "Sanjay", "Rahul", "Amit", "Anil",
	"Harjit", "Jaswinder", "Mohammed", "Muhammad", "Imran", "Bilal", "Hamza", "Zain", "Asif", "Tariq", "Faisal",
	"Rizwan", "Shahid", "Abdul", "Ahmed", "Yusuf", "Ibrahim", "Ismail", "Aryan", "Dev",
};
static const char *const last_south_asian[] = {
	"Patel", "Khan", "Singh", "Begum", "Ali", "Hussain", "Ahmed", "Sharma", "Gupta", "Kaur", "Gill", "Sandhu", "Dhillon", "Bains", "Sidhu", "Chauhan", "Mistry", "Shah",
	"Mehta", "Desai", "Joshi", "Kumar", "Rahman", "Islam", "Miah", "Uddin", "Chowdhury", "Akhtar", "Iqbal",
	"Malik", "Qureshi", "Mahmood", "Raza", "Bibi", "Nawaz", "Siddiqui", "Choudhury", "Pillai", "Nair",
	"Fernando", "Perera", "Jayasuriya",
};

/* African, Caribbean */
static const char *const first_african_caribbean[] = {
	"Chidi", "Chiamaka", "Ngozi", "Adaeze", "Oluwaseun", "Folasade", "Funmilayo", "Temitope", "Abiodun", "Kwame",
	"Kofi", "Ama", "Abena", "Yaw", "Esi", "Amara", "Ifeoma", "Tunde", "Segun", "Babajide", "Emeka", "Thandiwe",
	"Zanele", "Tendai", "Keisha", "Tanisha", "Shanice", "Jerome", "Delroy", "Marcus", "Winston", "Leon",
	"Jermaine", "Dwayne", "Andre", "Marlon", "Precious", "Blessing", "Faith",
};
static const char *const last_african_caribbean[] = {
	"Okafor", "Okonkwo", "Adeyemi", "Adebayo", "Oyelaran", "Eze", "Nwosu", "Obi", "Afolabi", "Mensah", "Asante",
	"Boateng", "Owusu", "Appiah", "Osei", "Mwangi", "Kamau", "Ndlovu", "Moyo", "Dube", "Abdi", "Warsame",
	"Farah", "Mohamed", "Haile", "Tesfaye", "Campbell-Brown", "Francis", "Grant-Thomas", "Clarke-Reid",
};

/* East European */
static const char *const first_east_european[] = {
	"Agnieszka", "Katarzyna", "Małgorzata", "Joanna", "Magdalena", "Monika", "Anna", "Ewa", "Krzysztof",
	"Tomasz", "Piotr", "Paweł", "Marek", "Łukasz", "Andrei", "Ioana", "Elena", "Mihai", "Bogdan", "Irina",
	"Lina", "Rūta", "Jonas", "Darius", "Kateřina", "Tereza", "Jakub", "Oksana", "Olena", "Dmytro",
};
static const char *const last_east_european[] = {
	"Nowak", "Kowalski", "Kowalska", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowska", "Zieliński", "Szymańska",
	"Popescu", "Ionescu", "Dumitru", "Petrov", "Ivanova", "Horváth", "Novák", "Dvořáková", "Kazlauskas",
	"Bērziņš", "Shevchenko", "Kovalenko",
};

/* East and South East Asian */
static const char *const first_east_asian[] = {
	"Wei", "Mei", "Ling", "Jun", "Xin", "Hui", "Yan", "Li", "Ming", "Hana", "Yuki", "Kenji", "Min-jun", "Ji-woo",
	"Thu", "Linh", "Minh", "Anh", "Mai",
};
static const char *const last_east_asian[] = {
	"Chen", "Wang", "Zhang", "Liu", "Li", "Huang", "Wong", "Chan", "Cheung", "Lam", "Ng", "Tan", "Lim", "Nguyen",
	"Tran", "Pham", "Kim", "Park", "Choi", "Tanaka", "Suzuki", "Sato",
};

/* Arabic, Turkish, Persian, Somali, Kurdish */
static const char *const first_middle_eastern[] = {
	"Layla", "Yasmin", "Noor", "Maryam", "Hoda", "Rania", "Omar", "Khalid", "Hassan", "Karim", "Samir", "Elif",
	"Zeynep", "Emre", "Mehmet", "Ayşe", "Arash", "Shirin", "Parisa", "Dariush", "Hodan", "Ayan", "Abdirahman",
	"Hamdi", "Rojin", "Dilan",
};
static const char *const last_middle_eastern[] = {
	"Hassan", "Ibrahim", "Mansour", "Haddad", "Nasser", "Al-Amin", "El-Sayed", "Yilmaz", "Demir", "Kaya",
	"Şahin", "Öztürk", "Hosseini", "Rahimi", "Karimi", "Ahmadi", "Barzani",
};

/* Spanish, Portuguese, Italian, French, Greek */
static const char *const first_southern_european[] = {
	"María", "Lucía", "Sofía", "Inês", "Beatriz", "Giulia", "Chiara", "Francesca", "Élodie", "Amélie", "Hélène",
	"Javier", "José", "João", "Luca", "Marco", "Matteo", "Antoine", "Étienne", "Nikos", "Eleni", "Dimitris",
};
static const char *const last_southern_european[] = {
	"García", "Rodríguez", "Fernández", "López", "Martínez", "Silva", "Santos", "Pereira", "Costa", "Rossi",
	"Russo", "Ferrari", "Esposito", "Romano", "Dubois", "Lefèvre", "Moreau", "Papadopoulos", "Georgiou",
	"Nikolaidis",
};

/* The names' origins and how often a person's first name is of each (out
 * of 100); a surname is of the same origin four times in five, of any
 * origin (as often) the fifth. */
struct origin {
	const char *const *first, *const *last;
	size_t nfirst, nlast;
	unsigned weight;
};
#define ORIGIN(k, w) {first_##k, last_##k, ARRAY_LEN(first_##k), ARRAY_LEN(last_##k), (w)}
static const struct origin origins[] = {
	ORIGIN(british, 62),
	ORIGIN(south_asian, 14),
	ORIGIN(african_caribbean, 8),
	ORIGIN(east_european, 6),
	ORIGIN(east_asian, 3),
	ORIGIN(middle_eastern, 4),
	ORIGIN(southern_european, 3),
};

static const struct origin *pick_origin(struct demo_rng *r)
{
	unsigned total = 0;
	for (size_t i = 0; i < ARRAY_LEN(origins); i++)
		total += origins[i].weight;
	unsigned x = (unsigned)demo_rng_below(r, total);
	for (size_t i = 0; i < ARRAY_LEN(origins); i++) {
		if (x < origins[i].weight)
			return &origins[i];
		x -= origins[i].weight;
	}
	return &origins[0];
}

void demo_name(struct demo_rng *r, const char **first, const char **last)
{
	const struct origin *o = pick_origin(r);
	*first = o->first[demo_rng_below(r, o->nfirst)];
	if (!demo_rng_percent(r, 80))
		o = pick_origin(r);
	*last = o->last[demo_rng_below(r, o->nlast)];
}

/* The plain letter of a Latin letter with an accent (U+00C0..U+017F), or 0. */
static char plain_letter(unsigned cp)
{
	/* U+00C0 .. U+00FF */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
				     "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	/* U+0100 .. U+017F (Latin Extended-A) */
	static const char ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
				    "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0] == '-' ? 0 : latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return ext_a[cp - 0x100];
	return 0;
}

char *demo_email_word(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 1), *o = out;
	const unsigned char *p = (const unsigned char *)s;
	bool gap = false;
	while (*p) {
		unsigned cp = *p;
		size_t len = 1;
		if (cp >= 0xC0 && cp < 0xE0 && (p[1] & 0xC0) == 0x80) {
			cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F);
			len = 2;
		} else if (cp >= 0xE0 && cp < 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			cp = ((cp & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			len = 3;
		}
		p += len;
		char c = 0;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			c = (char)cp;
		else if (cp >= 'A' && cp <= 'Z')
			c = (char)(cp - 'A' + 'a');
		else if (cp == '\'' || cp == 0x2019) /* O'Brien, O’Brien */
			continue;
		else
			c = plain_letter(cp);
		if (!c) { /* a space, a hyphen, anything else: one hyphen between words */
			gap = o > out;
			continue;
		}
		if (gap)
			*o++ = '-';
		gap = false;
		*o++ = c;
	}
	*o = '\0';
	return out;
}
