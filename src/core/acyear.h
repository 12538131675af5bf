/*
 * acyear.h - academic years: 1 September to 31 August, written "2024/25".
 * Pure functions, unit-tested.
 */
#ifndef MH_ACYEAR_H
#define MH_ACYEAR_H

#include <stdbool.h>

/* The academic year containing the date "YYYY-MM-DD": its first calendar
 * year (2024 for "2025-03-14"). Returns false for an invalid date. */
bool acyear_of_date(const char *date, int *start_year);

/* "2024/25" for 2024 (out needs 8 bytes). */
void acyear_code(int start_year, char out[8]);

/* Parses "2024/25" (the second part must follow the first). */
bool acyear_parse(const char *code, int *start_year);

/* The first and last day, "2024-09-01" and "2025-08-31" (11 bytes each). */
void acyear_bounds(int start_year, char first[11], char last[11]);

#endif
