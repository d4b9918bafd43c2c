# Tests on generated files of a few hundred agencies (bench/gen.c): rank against
# report and a slow recomputation; the same bytes on any number of threads.
add_executable(rank_check tools/rank_check.c)
target_include_directories(rank_check PRIVATE ${CJSON_INCLUDE_DIR})
target_link_libraries(rank_check PRIVATE ${CJSON_LIBRARY} m)
target_compile_options(rank_check PRIVATE ${ITA_WARNINGS})

add_test(NAME scale_rank_matches_report
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/rank_matches_report.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:rank_check> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_rank_jobs_identical
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/jobs_identical.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_peers_match_recomputation
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/peers_match.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:rank_check> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_rank_wide_matches_tidy
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/wide_matches_tidy.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> ${PROJECT_SOURCE_DIR}/data)
add_test(NAME scale_rank_charts_match_recomputation
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scale/rank_charts_match.sh $<TARGET_FILE:ita>
          $<TARGET_FILE:ita-gen> $<TARGET_FILE:rank_check> ${PROJECT_SOURCE_DIR}/data)
