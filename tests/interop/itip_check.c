/* Reads an iCalendar file on stdin and runs libical's iTIP restriction check
 * (RFC 5546: which properties a METHOD requires or forbids). Prints every problem
 * libical records as an X-LIC-ERROR property, one a line; exits 1 if there was any. */
#include <stdio.h>
#include <stdlib.h>
#include <libical/ical.h>

static int report(icalcomponent *component) {
    int problems = 0;
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         p != NULL; p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        printf("%s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(component)),
               icalproperty_get_xlicerror(p));
        problems++;
    }
    for (icalcomponent *c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         c != NULL; c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        problems += report(c);
    }
    return problems;
}

int main(void) {
    size_t size = 0, used = 0;
    char *text = NULL;
    int ch;
    while ((ch = getchar()) != EOF) {
        if (used + 1 >= size) {
            size = size ? size * 2 : 65536;
            text = realloc(text, size);
            if (text == NULL) return 2;
        }
        text[used++] = (char)ch;
    }
    if (text == NULL) return 2;
    text[used] = '\0';
    icalcomponent *calendar = icalparser_parse_string(text);
    if (calendar == NULL) {
        printf("not parsed\n");
        return 1;
    }
    int valid = icalrestriction_check(calendar);
    int problems = report(calendar);
    if (!valid && problems == 0) {
        printf("restriction check failed\n");
        problems = 1;
    }
    icalcomponent_free(calendar);
    free(text);
    return problems ? 1 : 0;
}
