/* problem.c - see problem.h. */
#include "http/problem.h"

#include <jansson.h>

#include "http/request.h"

json_t *problem_new(int status, const char *title, const char *detail, const char *instance)
{
	json_t *j = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title", title,
			      "status", status, "detail", detail);
	if (instance)
		json_object_set_new(j, "instance", json_string(instance));
	return j;
}

void problem_send(struct resp *rs, int status, const char *title, const char *detail,
		  const char *instance)
{
	resp_json(rs, status, problem_new(status, title, detail, instance), "application/problem+json");
}
