/* fuzz_csv.c - any bytes as a CSV document read by column name (the reader
 * under every upload): no crash; each row reaches the callback with as
 * many fields as asked, NUL-terminated. */
#include "fuzz.h"

#include "core/csv.h"

static enum err row(void *ctx, const char *const *fields, size_t line)
{
	size_t *rows = ctx;
	FUZZ_ASSERT(line >= 2);
	for (size_t i = 0; i < 3; i++)
		FUZZ_ASSERT(fields[i] != NULL && strlen(fields[i]) < (1u << 24));
	(*rows)++;
	return ERR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const want[] = {"URN", "EstablishmentName", "Postcode"};
	size_t rows = 0;
	char msg[256];
	(void)csv_read((const char *)data, size, want, 3, row, &rows, msg, sizeof(msg));
	FUZZ_ASSERT(strlen(msg) < sizeof(msg));
	return 0;
}
