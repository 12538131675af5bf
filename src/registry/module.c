/* module.c - the registry capability as a module (src/module.h). */
#include "registry/registry.h"
#include "auth/perm.h"
#include "module.h"

const struct module registry_module = {
	.name = "registry",
};
