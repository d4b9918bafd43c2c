# Tests on generated files of a few hundred agencies (bench/gen.c): rank against
# report and a slow recomputation; the same bytes on any number of threads.
# the slow checkers (tests/tools/NAME.c)
function(ita_check_tool name)
  add_executable(${name} tools/${name}.c)
  target_include_directories(${name} PRIVATE ${CJSON_INCLUDE_DIR})
  target_link_libraries(${name} PRIVATE ${CJSON_LIBRARY} m)
  target_compile_options(${name} PRIVATE ${ITA_WARNINGS})
endfunction()
ita_check_tool(rank_check)

add_test(NAME scale_rank_matches_report
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/rank_matches_report.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:rank_check> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_rank_jobs_identical
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/jobs_identical.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_peers_match_recomputation
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/peers_match.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:rank_check> ${PROJECT_SOURCE_DIR}/data)
# a file larger than 8 MiB (read twice by the scanner) against standard input (the loader)
add_test(NAME scale_file_matches_stdin
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/file_matches_stdin.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_rank_wide_matches_tidy
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/wide_matches_tidy.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_rank_charts_match_recomputation
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/rank_charts_match.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:rank_check> ${PROJECT_SOURCE_DIR}/data)

# history[] of report against a slow recomputation from the scores and the framework files
ita_check_tool(history_check)
add_test(NAME scale_history_matches_recomputation
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/history_match.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:history_check> ${PROJECT_SOURCE_DIR}/data
          ${CMAKE_CURRENT_SOURCE_DIR}/e2e)

# report -o DIR/ in md and html: the same files on any number of threads, each the
# document of `report --agency`; memory that does not hold every agency's report
# (peak RSS by getrusage; not under the sanitizers, whose allocator keeps freed
# memory in quarantine)
add_test(NAME scale_documents_identical
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/documents_identical.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> ${PROJECT_SOURCE_DIR}/data)
if(NOT ITA_SANITIZE)
  add_executable(peak_rss tools/peak_rss.c)
  target_compile_options(peak_rss PRIVATE ${ITA_WARNINGS})
  add_test(NAME scale_documents_memory
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/documents_memory.sh $<TARGET_FILE:ita>
            $<TARGET_FILE:ita-gen> $<TARGET_FILE:peak_rss> ${PROJECT_SOURCE_DIR}/data)
  # report -f text, json, csv, and -f xlsx -o DIR/: one report in full at a time, the
  # output spooled; two tests, so that ctest can run the halves side by side
  foreach(part text-json-csv xlsx)
    add_test(NAME scale_report_memory_${part}
      COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/report_memory.sh $<TARGET_FILE:ita>
              $<TARGET_FILE:ita-gen> $<TARGET_FILE:peak_rss> ${PROJECT_SOURCE_DIR}/data ${part})
  endforeach()
endif()
