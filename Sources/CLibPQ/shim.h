#ifndef FILMWG_CLIBPQ_SHIM_H
#define FILMWG_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
