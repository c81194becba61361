#include <libxml/xmlversion.h>
/* libxml2's encoding.h pulls in the system ICU headers when built with ICU; they clash with
   Foundation's bundled ICU module, and the Swift side never uses them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/encoding.h>
