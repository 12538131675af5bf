/* embedded_find.c - lookup in the generated table (see embedded.h). */
#include <string.h>

#include "core/embedded.h"

const struct embedded_file *embedded_find(const char *name)
{
	for (size_t i = 0; i < embedded_count; i++)
		if (!strcmp(embedded_files[i].name, name))
			return &embedded_files[i];
	return NULL;
}
