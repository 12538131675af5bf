/*
 * demo_texts.c - the words of HAPPI's part of the demo data
 * (demo_happi.c, demo_texts.h): each NCP kind's expected outcomes, and
 * what LLMEs and their links write in a form (outcomes tailored, progress,
 * evidence, analysis, next steps, comments, quality assurance notes), a few
 * of each, as people in the programme write them.
 */
#include "happi/demo_texts.h"

#include <string.h>

#include "core/arena.h"

#define END NULL

/* [class][kind]: the national outcomes, NULL-ended (none: the kind is not asked of the class) */
const char *const *const hdt_outcomes[HDT_CLASSES][HAPPI_OUTCOME_KINDS] = {
	[HDT_WORK_GROUP] = {
		(const char *const[]){
			"Pupils in participating classes show a deeper understanding of the mathematics taught, "
			"explaining and justifying their reasoning.",
			"Pupils are more fluent in key number facts and use them to solve problems with confidence.",
			"Pupils persevere with challenging problems and talk about mathematics more willingly.",
			"Pupils with lower prior attainment keep up with the class through same-day intervention and careful "
			"sequencing.",
			"Pupils connect concrete, pictorial and abstract representations and use them to explain their "
			"thinking.",
			END},
		(const char *const[]){
			"Participating schools have a shared, coherent approach to teaching the Work Group's focus across "
			"year groups or the department.",
			"Subject leaders use what they learn to lead professional development for colleagues in their own "
			"school.",
			"Schools revise their calculation guidance, policy or scheme of work to reflect the approaches "
			"explored.",
			"Senior leaders support the changes with time for collaborative planning and lesson study.",
			END},
		(const char *const[]){
			"Teachers plan small-step sequences of learning that build on what pupils already know.",
			"Teachers use questioning to probe and develop pupils' reasoning, and adapt teaching in the moment.",
			"Teachers use representations and structures consistently to expose the mathematical structure.",
			"Teachers plan, observe and reflect on lessons together, and say this has changed how they teach.",
			"Teachers' subject knowledge of the focus is deeper, and they anticipate pupils' misconceptions.",
			END},
	},
	[HDT_SKTM] = {
		(const char *const[]){
			"Pupils taught by participants experience lessons that present mathematics as connected and "
			"coherent.",
			"Pupils taught by participants are more confident to reason and explain, and their misconceptions "
			"are addressed earlier.",
			"Pupils' engagement in mathematics lessons improves, as participants report and their work shows.",
			END},
		NULL,
		(const char *const[]){
			"Participants have secure specialist knowledge of the mathematics they teach and of how it develops "
			"across the phases.",
			"Participants teaching outside their specialism are more confident teaching mathematics.",
			"Participants use the programme's approaches (representations, variation, questioning) in their own "
			"lessons.",
			"Participants understand common misconceptions and plan to address them.",
			END},
	},
	[HDT_LLME] = {
		NULL,
		(const char *const[]){
			"Schools that participants support improve their mathematics provision, as their leaders report.",
			"Participants' own schools benefit from their leadership of mathematics professional development.",
			"More schools in the hub's area are supported by an accredited local leader.",
			END},
		(const char *const[]){
			"Participants design and lead professional development that is evidence-informed and meets the "
			"needs of the teachers they work with.",
			"Participants work with schools as professional development leads: diagnosing needs, planning "
			"support and evaluating its impact.",
			"Participants reflect on their own leadership and coaching, and meet the accreditation's "
			"expectations.",
			"Participants work with senior leaders to secure lasting change in schools.",
			END},
	},
	[HDT_PROGRAMME] = {
		NULL,
		(const char *const[]){
			"Participating departments adopt a shared approach to planning and teaching the programme's focus.",
			"Participants' schools give time for the programme's gap tasks and for sharing what is learned.",
			END},
		(const char *const[]){
			"Participants deepen their understanding of teaching for mastery and apply it in their classrooms.",
			"Participants plan lessons that develop pupils' fluency, reasoning and problem solving together.",
			"Participants share what they learn with colleagues in their department or school.",
			"Participants evaluate the effect of changes to their practice on pupils' learning.",
			END},
	},
	[HDT_COMMUNITY] = {
		NULL,
		(const char *const[]){
			"Member schools share practice and resources, and say they are less isolated in developing "
			"mathematics.",
			"Member schools change their mathematics curriculum as a result of the community's discussions.",
			"Leaders of mathematics in member schools have a network to draw on for advice and challenge.",
			END},
		(const char *const[]){
			"Members reflect on research and evidence and try it in their own classrooms.",
			"Members are more confident leading mathematics in their school.",
			"Members take part regularly and contribute to the community's discussions.",
			END},
	},
	[HDT_SUPPORT] = {
		(const char *const[]){
			"Pupils in the school show improved attainment in and attitudes to mathematics.",
			END},
		(const char *const[]){
			"The school has a clear plan for mathematics that its leaders own and keep to after the support "
			"ends.",
			"The school's mathematics curriculum is coherent and well sequenced across year groups.",
			END},
		(const char *const[]){
			"Teachers in the school plan and teach mathematics in line with the agreed priorities.",
			"The school's subject leader leads the improvement of mathematics with growing independence.",
			"Teachers use the approaches modelled during the support in their own lessons.",
			END},
	},
};

/* An outcome tailored locally: {who} is the schools or participants. */
static const char *const local[HAPPI_OUTCOME_KINDS][6] = {
	[HAPPI_PUPILS] = {
		"For {who}: pupils explaining their reasoning in full sentences, using the stem sentences modelled in "
		"lessons. We will compare a sample of pupils' explanations in October and in May.",
		"Across {who}, the pupils who are not yet fluent with number facts: each participant will follow a focus "
		"group of six pupils through the year.",
		"In {who}, pupils' confidence with unfamiliar problems, especially that of disadvantaged pupils, which the "
		"schools named as their priority.",
		"For {who}, fewer pupils falling behind: teachers will use same-day intervention and note how often it "
		"is needed.",
		END},
	[HAPPI_SCHOOLS] = {
		"In {who}, the subject leaders will each lead at least one staff meeting on the approach, with a senior "
		"leader present.",
		"For {who}: a revised calculation policy or scheme of work, agreed with staff by the summer term.",
		"In {who}, leaders will give teachers time to plan together at least twice a term; we will ask the "
		"headteachers in the summer how this went.",
		"Across {who}, the approach spreads beyond the participants: the next year group or class to take it on "
		"will be named by the summer.",
		END},
	[HAPPI_PRACTICE] = {
		"For {who}: planning in small steps, with the same representations used across the school. "
		"Participants will bring a planned sequence to each session.",
		"For {who}, one change to their questioning each half term, with pupils' work brought to the next "
		"session to discuss.",
		"Through lesson study, {who} will plan a lesson together, observe it taught and reflect on what pupils "
		"did.",
		"For {who}, deeper subject knowledge of the focus: the gap tasks, with a short reflection on each in "
		"their journals.",
		END},
};

const char *const hdt_methods_other[] = {
	"A short task given to one class in each school at the start and end of the year",
	"Pupil voice: a group discussion in each school, noted by the subject leader",
	"Participants' learning journals, read at the final session",
};
const size_t hdt_nmethods_other = sizeof(hdt_methods_other) / sizeof(*hdt_methods_other);

/* By term: autumn, spring, summer; NULL-ended. */
const char *const *const hdt_progress[3] = {
	(const char *const[]){
		"First sessions held. Participants have chosen a focus class and begun trying the approach; two schools "
		"found it hard to release teachers, which we are discussing with their headteachers.",
		"Good engagement this autumn. Participants brought examples of pupils' work, and several noticed pupils "
		"using the stem sentences without prompting.",
		"Autumn sessions held as planned. Gap tasks are being completed and discussed at each session; one "
		"school has a new subject leader, who joins from January.",
		END},
	(const char *const[]){
		"Spring term: lesson study in two schools went well. Attendance dipped in February (illness, and an "
		"inspection in one school); the materials went to those who missed the session.",
		"Visited three schools this half term. Teachers are planning in smaller steps; the next step is for "
		"subject leaders to share this with colleagues.",
		"Mid-year check-in with our MHLM link: on track against the outcomes. We agreed to add a short survey of "
		"participants in June.",
		"One school has withdrawn after a change of headteacher; the others are on track.",
		END},
	(const char *const[]){
		"Summer term: participants reviewed what has changed in their classes, and several plan to carry the "
		"approach on next year with their year group teams.",
		"The June survey is out; pupils' work from October and May collected from every school for the final "
		"session.",
		END},
};

/* Evidence by kind; analysis, next steps and comments as they come. */
static const char *const evidence[HAPPI_OUTCOME_KINDS][4] = {
	[HAPPI_PUPILS] = {
		"Work samples from each participant's focus class at the start and end of the year, and pupil voice from "
		"the June survey.",
		"End-of-year assessments of the focus classes compared with last year's cohort, and teachers' notes from "
		"the final session.",
		"Pupils' written explanations collected in October and May, compared by participants at the final "
		"session.",
		END},
	[HAPPI_SCHOOLS] = {
		"Subject leaders' accounts of the staff meetings they led, and revised policies shared by several schools.",
		"Interviews with headteachers in the summer term; school development plans that now include the "
		"approach.",
		"Notes from the LLME's visits to each school.",
		END},
	[HAPPI_PRACTICE] = {
		"Participants' reflections at each session and the end-of-year survey; lessons seen during visits.",
		"Planning brought to sessions, showing smaller steps and consistent representations.",
		"Interviews with a sample of participants, and the local survey (most participants answered).",
		END},
};

/* By how far the outcome was met: met or exceeded, partly, not. */
const char *const *const hdt_analysis[3] = {
	(const char *const[]){
		"Most participants changed their practice in the way intended; the change was strongest where a senior "
		"leader took part.",
		"Clear change in almost every school, and the participants want to carry on next year.",
		"Better than we hoped: the schools shared their work with each other between sessions, which we had not "
		"planned.",
		END},
	(const char *const[]){
		"Clear progress in about two thirds of the schools; the others were held back by staff changes during "
		"the year.",
		"Engagement was high in the autumn but fell in the spring; the schools that kept to the gap tasks saw "
		"the most change.",
		"Some change, mostly in the classes of participants who came to every session.",
		END},
	(const char *const[]){
		"Little change this year: three schools could not release teachers after Christmas, and the spring "
		"sessions were poorly attended.",
		"The outcome was too ambitious for one year; the schools have only begun to change their planning.",
		END},
};
const char hdt_too_early[] =
	"Too early to see the effect on pupils' attainment: we will look again at the end of next year.";

const char *const hdt_next_steps[] = {
	"Continue with the same schools next year, moving to the embedding stage.",
	"Invite the two schools that made least progress to a sustaining Work Group, with a visit early in the "
	"autumn term.",
	"Share the case studies with the hub's other Work Groups at the summer leads' meeting.",
	"Subject leaders to lead the approach in their own schools next year, with support from the hub.",
};
const size_t hdt_nnext_steps = sizeof(hdt_next_steps) / sizeof(*hdt_next_steps);

const char *const hdt_planning_returns[] = {
	"Thank you. Please make outcome 2 more specific to your schools: what will you look for, and how will you "
	"know?",
	"The schedule is missing the spring sessions' dates. Please add them, and say how you will collect evidence "
	"between sessions.",
	"Please say how and when the local survey will run, and agree it with the Project Lead before you "
	"resubmit.",
};
const size_t hdt_nplanning_returns = sizeof(hdt_planning_returns) / sizeof(*hdt_planning_returns);
const char hdt_planning_revision[] = " We will look at this with the same task at the start and the end of the year.";

const char *const hdt_final_returns[] = {
	"Please add the evidence for the outcome for schools or departments: the judgement needs something to "
	"support it.",
	"The analysis says what happened but not why: please add a sentence on what made the difference, for the "
	"national report.",
};
const size_t hdt_nfinal_returns = sizeof(hdt_final_returns) / sizeof(*hdt_final_returns);
const char hdt_final_revision[] =
	" What made the difference was the time schools gave teachers to plan together between sessions.";

const char *const hdt_qa_mechanism[4][2] = {
	{"build_knowledge", "Sessions build knowledge well: clear input on the research, with worked examples from "
			    "participants' own classes."},
	{"motivate_staff", "Participants are motivated by seeing pupils' work from other schools; the LLME celebrates "
			   "what each school has tried."},
	{"develop_techniques", "The gap tasks give participants specific techniques to try; more modelling of "
			       "questioning would help."},
	{"embed_practice", "Less evidence yet of embedding: discuss with the LLME how schools will keep the changes "
			   "going next year."},
};
const char *const hdt_qa_visits[] = {
	"Joined the third session and visited one of the schools afterwards. The lesson seen used the approach "
	"well; the LLME's feedback to the teacher was specific and supportive.",
	"Visited with the LLME: the subject leader showed the revised scheme of work, and pupils talked about their "
	"reasoning with confidence.",
};
const size_t hdt_nqa_visits = sizeof(hdt_qa_visits) / sizeof(*hdt_qa_visits);
const char *const hdt_qa_notes[] = {
	"Discussed the evaluation plan with the LLME at the hub leads' meeting: the local survey should go out "
	"before the final session.",
	"The LLME is new to leading a Work Group: paired with an experienced LLME for the spring term.",
};
const size_t hdt_nqa_notes = sizeof(hdt_qa_notes) / sizeof(*hdt_qa_notes);

enum hdt_class hdt_class_of(const char *kind, bool sktm, bool develops_llmes)
{
	if (!strcmp(kind, "Work Group"))
		return HDT_WORK_GROUP;
	if (!strcmp(kind, "Community"))
		return HDT_COMMUNITY;
	if (!strcmp(kind, "Targeted Support"))
		return HDT_SUPPORT;
	return sktm ? HDT_SKTM : develops_llmes ? HDT_LLME : HDT_PROGRAMME;
}

size_t hdt_count(const char *const *list)
{
	size_t n = 0;
	while (list && list[n])
		n++;
	return n;
}

const char *hdt_fill(struct arena *a, const char *text, const char *who)
{
	const char *at = strstr(text, "{who}");
	if (!at)
		return text;
	return arena_printf(a, "%.*s%s%s", (int)(at - text), text, who, at + 5);
}

const char *hdt_local(size_t kind, size_t i)
{
	return local[kind][i % hdt_count(local[kind])];
}

const char *hdt_evidence(size_t kind, size_t i)
{
	return evidence[kind][i % hdt_count(evidence[kind])];
}
