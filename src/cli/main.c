/* ita: exact analysis of Thailand's ITA scores. Dispatches to the commands. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"report", cmd_report},
    {"check", cmd_check},
    {"plan", cmd_plan},
    {"rank", cmd_rank},
    {"frameworks", cmd_frameworks},
    {"template", cmd_template},
};

int main(int argc, char **argv)
{
    /* a reader that goes away (ita ... | head) ends the run quietly, via EPIPE */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        cli_print_help(NULL, stderr);
        return ITA_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        cli_print_help(NULL, stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? ITA_EXIT_OK : ITA_EXIT_IO;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("ita %s\n", ITA_VERSION);
        return fflush(stdout) == 0 && !ferror(stdout) ? ITA_EXIT_OK : ITA_EXIT_IO;
    }
    if (strcmp(cmd, "help") == 0) {
        const char *topic = argc > 2 ? argv[2] : NULL;
        if (topic != NULL) {
            bool known = false;
            for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                known |= strcmp(commands[i].name, topic) == 0;
            if (!known) {
                cli_usage_error(NULL, "unknown command '%s'", topic);
                return ITA_EXIT_USAGE;
            }
        }
        cli_print_help(topic, stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? ITA_EXIT_OK : ITA_EXIT_IO;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, cmd) == 0)
            return commands[i].run(argc - 1, argv + 1);
    if (cmd[0] == '-')
        cli_usage_error(NULL, "unknown option '%s'; options go after the command", cmd);
    else
        cli_usage_error(NULL, "unknown command '%s'", cmd);
    return ITA_EXIT_USAGE;
}
