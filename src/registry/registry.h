/*
 * registry.h - the registry capability: schools from the DfE's GIAS file
 * (with their trusts, links and statuses), local authorities and the hub
 * whose area each is in, "find your Maths Hub", people's schools, LLME
 * designations and accreditations, and each hub's team.
 */
#ifndef MH_REGISTRY_H
#define MH_REGISTRY_H

#include "module.h"

extern const struct module registry_module;

#endif
