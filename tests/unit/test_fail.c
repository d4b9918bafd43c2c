/* The deliberately failing twin (STYLE.md habit 13): registered with WILL_FAIL, it
 * proves that a wrong expectation makes a test binary fail. It expects banker's
 * rounding of 2.5 hundredths, which ita_exact_round rightly does not do. */
#include "harness.h"

#include "ita/decimal.h"

static void rounding_should_fail_when_a_test_expects_bankers_rounding(void **state)
{
    (void)state;
    struct ita_exact half = {5, 2};
    assert_int_equal(ita_exact_round(half), 2);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounding_should_fail_when_a_test_expects_bankers_rounding),
    };
    return ita_test_main(argc, argv, "fail", tests, sizeof tests / sizeof tests[0]);
}
