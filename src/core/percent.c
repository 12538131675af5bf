/*
 * percent.c - a share as a whole percentage (percent.h).
 */
#include "core/percent.h"

#include "core/arena.h"

int percent_rounded(int64_t part, int64_t whole)
{
	if (whole <= 0 || part < 0 || part > whole)
		return -1;
	/* floor(100 * part / whole + 1/2), exactly: (200 part + whole) / (2 whole), in 128 bits (no overflow) */
	__extension__ typedef __int128 wide;
	return (int)((200 * (wide)part + whole) / (2 * (wide)whole));
}

const char *percent_text(struct arena *a, int64_t part, int64_t whole, const char *fallback)
{
	int pc = percent_rounded(part, whole);
	return pc < 0 ? fallback : arena_printf(a, "%d%%", pc);
}

const char *percent_progress_text(struct arena *a, int64_t part, int64_t whole, bool brief, const char *fallback)
{
	if (whole <= 0 || part < 0 || part > whole)
		return fallback;
	__extension__ typedef __int128 wide;
	int pc = (int)(100 * (wide)part / whole); /* rounded down, exactly */
	if (pc == 0 && part > 0)
		return brief ? "<1%" : "under 1%";
	return arena_printf(a, "%d%%", pc);
}
