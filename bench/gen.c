/* ita-gen: a deterministic national scores file for benchmarks and tests.
 *
 *   ita-gen [--agencies N] [--years N] [--last-year YEAR] [--seed S] [--gaps] [--wide]
 *   ita-gen --map [--years N] [--last-year YEAR]
 *
 * Writes CSV to standard output: agency, province, year, item, sub, score;
 * one row per item (per sub-question where the item has some) of each year's
 * built-in framework, year after year, agencies in the same order every year.
 * Names are official in style; some hold a comma or quotes, so that the CSV
 * quotes them. The same arguments give the same bytes on every machine: the
 * random numbers come from a fixed generator, never from the C library.
 * --gaps leaves one item out for every 37th agency in the last year, so that
 * rank has incomplete agencies to name.
 * --wide writes the same scores as the national results table is published:
 * one row per agency (and year), agency, province, (year, only with more than
 * one year), IIT, EIT, OIT, overall, each the two-decimal score that ita's
 * arithmetic gives the agency's items (a cell is empty where it has none).
 * With one year the file has no year column: read it with --year.
 * --map writes instead what the other tools of the benchmark need to do ita's
 * arithmetic: year, item, indicator, part (the item's sub-indicator, or the item
 * itself where the indicator is a mean of items) and the indicator's weight in
 * hundredths of a percent.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/datadir.h"
#include "ita/diag.h"
#include "ita/framework.h"

static uint64_t rng_state;

/* splitmix64: small, fast and the same everywhere */
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in [0, n) */
static unsigned rnd(unsigned n)
{
    return (unsigned)(rng() % n);
}

static const char *const kinds[] = {
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "สำนักงานสาธารณสุขอำเภอ",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สำนักงานที่ดินจังหวัด",
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static const char *const places[] = {
    "บ้านใหม่", "หนองบัว", "ท่าช้าง", "บางกระทุ่ม", "โพธิ์ทอง", "นาดี", "หนองแค", "บ้านโป่ง",
    "ดอนเจดีย์", "สามชุก", "บางปลาม้า", "ศรีประจันต์", "ป่าแดด", "แม่ริม", "สันทราย", "หางดง",
    "ดอยสะเก็ด", "เวียงหนองล่อง", "กุดจับ", "น้ำพอง", "ชุมแพ", "บ้านไผ่", "พระยืน", "หนองเรือ",
    "วังน้ำเย็น", "คลองหาด", "ตาพระยา", "อรัญประเทศ", "บ่อพลอย", "ท่าม่วง", "ทองผาภูมิ", "สังขละบุรี",
    "เกาะสมุย", "ดอนสัก", "พุนพิน", "คีรีรัฐนิคม", "ละแม", "หลังสวน", "ปากน้ำ", "บางแก้ว",
    "ห้วยยอด", "กันตัง", "ย่านตาขาว", "ปะเหลียน", "เขาชัยสน", "ควนขนุน", "ระโนด", "สทิงพระ",
    "จะนะ", "เทพา", "สะบ้าย้อย", "นาทวี", "ปากพนัง", "ทุ่งสง", "ร่อนพิบูลย์", "สิชล",
    "ขนอม", "ฉวาง", "ลานสกา", "พรหมคีรี",
};
#define PLACE_COUNT (sizeof places / sizeof places[0])

static const char *const provinces[] = {
    "กรุงเทพมหานคร", "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี",
    "ฉะเชิงเทรา", "ชลบุรี", "ชัยนาท", "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด",
    "ตาก", "นครนายก", "นครปฐม", "นครพนม", "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี",
    "นราธิวาส", "น่าน", "บึงกาฬ", "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี",
    "พระนครศรีอยุธยา", "พะเยา", "พังงา", "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์",
    "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน", "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง",
    "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ", "สกลนคร", "สงขลา", "สตูล",
    "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว", "สระบุรี", "สิงห์บุรี", "สุโขทัย",
    "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู", "อ่างทอง", "อำนาจเจริญ",
    "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
};
#define PROVINCE_COUNT (sizeof provinces / sizeof provinces[0])

struct agency {
    char name[512];
    const char *province;
    int quality;   /* hundredths: the level its scores scatter around */
};

/* Agency i gets a distinct (kind, place, district) name: i is spread over all
 * names by a multiplier prime to their count, so neighbours differ. Past that
 * count a number keeps names distinct. */
static void make_agency(size_t i, struct agency *a)
{
    const uint64_t total = (uint64_t)KIND_COUNT * PLACE_COUNT * PLACE_COUNT;
    uint64_t j = ((uint64_t)(i % total) * 7919u) % total;
    size_t kind = j % KIND_COUNT;
    j /= KIND_COUNT;
    size_t place = j % PLACE_COUNT;
    j /= PLACE_COUNT;
    size_t district = j % PLACE_COUNT;
    size_t province = (size_t)(((uint64_t)i * 2654435761u) >> 7) % PROVINCE_COUNT;
    const char *extra = "";
    if (i % 50 == 7)
        extra = ", สาขาที่ ๒";            /* a comma: the field is quoted */
    else if (i % 77 == 11)
        extra = " \"ศูนย์บริการร่วม\"";     /* quotes: doubled inside a quoted field */
    char round[64] = "";
    if (i >= total)
        snprintf(round, sizeof round, " แห่งที่ %zu", (size_t)(i / total) + 1);
    snprintf(a->name, sizeof a->name, "%s%s %s%s%s", kinds[kind], places[place], places[district], round, extra);
    a->province = provinces[province];
    a->quality = 7000 + (int)rnd(2900);
}

static void put_field(const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void put_score(int cents)
{
    printf("%d.%02d\n", cents / 100, cents % 100);
}

static int usage(void)
{
    fputs("usage: ita-gen [--agencies N] [--years N] [--last-year YEAR] [--seed S] [--gaps] [--wide | --map]\n",
          stderr);
    return 2;
}

/* A published score, or nothing where it is missing. */
static void put_cents(int64_t cents)
{
    if (cents != ITA_MISSING)
        printf("%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
}

/* One agency's row of the wide table: its tools and overall score as ita computes
 * them from the scores of its items (values, laid out by the framework). */
static int put_wide_row(struct agency *a, const struct ita_framework *fw, int year, bool with_year,
                        int16_t *values)
{
    struct ita_agency ag;
    memset(&ag, 0, sizeof ag);
    ag.name = a->name;
    struct ita_year_scores ys;
    memset(&ys, 0, sizeof ys);
    ys.year = year;
    ys.fw = fw;
    ys.values = values;
    ys.band = ITA_NOT_GIVEN;
    struct ita_report r;
    if (ita_report_compute(&ag, &ys, 9750, 9500, &r) != ITA_OK)
        return 4;
    put_field(a->name);
    putchar(',');
    put_field(a->province);
    if (with_year)
        printf(",%d", year);
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        putchar(',');
        put_cents(r.tools[t].score);
    }
    putchar(',');
    put_cents(r.overall.score);
    putchar('\n');
    ita_report_free(&r);
    return 0;
}

int main(int argc, char **argv)
{
    long agencies = 8300, years = 5, last_year = 2569;
    unsigned long long seed = 2565;
    bool gaps = false, map = false, wide = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--gaps") == 0 || strcmp(a, "--map") == 0 || strcmp(a, "--wide") == 0) {
            *(strcmp(a, "--gaps") == 0 ? &gaps : strcmp(a, "--map") == 0 ? &map : &wide) = true;
            continue;
        }
        if (i + 1 >= argc)
            return usage();
        char *end;
        unsigned long long v = strtoull(argv[++i], &end, 10);
        if (*end != '\0')
            return usage();
        if (strcmp(a, "--agencies") == 0) agencies = (long)v;
        else if (strcmp(a, "--years") == 0) years = (long)v;
        else if (strcmp(a, "--last-year") == 0) last_year = (long)v;
        else if (strcmp(a, "--seed") == 0) seed = v;
        else return usage();
    }
    if (agencies < 1 || years < 1 || years > 7 || last_year - years + 1 < 2563 || last_year > 2569 ||
        (map && wide))
        return usage();
    char dir[4096], fwdir[4200];
    if (!ita_data_dir_find(dir, sizeof dir)) {
        fputs("ita-gen: cannot find the data directory; set ITA_DATA_DIR\n", stderr);
        return 4;
    }
    snprintf(fwdir, sizeof fwdir, "%s/frameworks", dir);
    struct ita_framework_set fws;
    ita_framework_set_init(&fws);
    struct ita_diags diags;
    ita_diags_init(&diags, 0);
    if (ita_framework_set_configure(&fws, fwdir, NULL) != ITA_OK)
        return 4;
    if (map) {
        fputs("year,item,indicator,part,weight\n", stdout);
        for (long y = last_year - years + 1; y <= last_year; y++) {
            enum ita_status st;
            const struct ita_framework *fw = ita_framework_set_get(&fws, (int)y, &st, &diags);
            if (fw == NULL)
                return 4;
            for (size_t k = 0; k < fw->item_count; k++) {
                const struct ita_fw_item *it = &fw->items[k];
                const struct ita_fw_indicator *ind = &fw->indicators[it->indicator];
                printf("%ld,%s,%u,%s,%lld\n", y, it->code, ind->number,
                       it->sub_indicator != SIZE_MAX ? fw->sub_indicators[it->sub_indicator].code : it->code,
                       (long long)ind->weight);
            }
        }
        ita_framework_set_free(&fws);
        ita_diags_free(&diags);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 4;
    }
    rng_state = seed;
    struct agency *ag = malloc((size_t)agencies * sizeof *ag);
    if (ag == NULL)
        return 4;
    for (long i = 0; i < agencies; i++)
        make_agency((size_t)i, &ag[i]);
    if (wide)
        fputs(years > 1 ? "agency,province,year,IIT,EIT,OIT,overall\n" : "agency,province,IIT,EIT,OIT,overall\n",
              stdout);
    else
        fputs("agency,province,year,item,sub,score\n", stdout);
    int16_t *values = NULL;
    for (long y = last_year - years + 1; y <= last_year; y++) {
        enum ita_status st;
        const struct ita_framework *fw = ita_framework_set_get(&fws, (int)y, &st, &diags);
        if (fw == NULL) {
            fprintf(stderr, "ita-gen: no framework for %ld\n", y);
            return 4;
        }
        free(values);
        values = malloc(ita_slot_count(fw) * sizeof *values);
        if (values == NULL)
            return 4;
        for (long i = 0; i < agencies; i++) {
            struct agency *a = &ag[i];
            /* a year's drift, so that there are gains and drops */
            a->quality += (int)rnd(801) - 400;
            if (a->quality > 9990) a->quality = 9990;
            if (a->quality < 5000) a->quality = 5000;
            size_t skip = gaps && y == last_year && i % 37 == 5 ? (size_t)i % fw->item_count : SIZE_MAX;
            char prefix[1024];
            for (size_t k = 0; k < ita_slot_count(fw); k++)
                values[k] = ITA_NOT_GIVEN;
            for (size_t k = 0; k < fw->item_count; k++) {
                const struct ita_fw_item *it = &fw->items[k];
                if (k == skip)
                    continue;
                size_t subs = it->sub_count ? it->sub_count : 1;
                for (size_t s = 0; s < subs; s++) {
                    int score;
                    if (it->tool == ITA_OIT && it->sub_count == 0) {
                        score = (int)rnd(10000) < a->quality ? 10000 : 0;
                    } else {
                        score = a->quality + (int)rnd(1601) - 800;
                        if (score > 10000) score = 10000;
                        if (score < 0) score = 0;
                    }
                    if (wide) {
                        values[it->sub_count ? ita_slot_sub(fw, it->first_sub + s) : ita_slot_item(fw, k)] =
                            (int16_t)score;
                        continue;
                    }
                    put_field(a->name);
                    snprintf(prefix, sizeof prefix, ",%s,%ld,%s,", a->province, y, it->code);
                    fputs(prefix, stdout);
                    if (it->sub_count)
                        printf("%zu", s + 1);
                    putchar(',');
                    put_score(score);
                }
            }
            if (wide && put_wide_row(a, fw, (int)y, years > 1, values) != 0)
                return 4;
        }
    }
    free(values);
    free(ag);
    ita_framework_set_free(&fws);
    ita_diags_free(&diags);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 4;
}
