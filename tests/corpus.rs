//! The checked-in differential corpus: node 20's answers (TZ=UTC) for
//! thousands of inputs, written by `tools/oracle/corpus.mjs`. The core must
//! agree on every one.

mod common;

use common::{assert_agreement, corpus, is_date};

#[test]
fn core_agrees_with_node_on_the_whole_corpus() {
    let cases = corpus();
    assert!(
        cases.len() >= 2000,
        "the corpus has only {} inputs",
        cases.len()
    );
    let dates = cases.iter().filter(|c| is_date(&c.expected)).count();
    assert!(
        dates * 4 >= cases.len(),
        "only {dates} of {} corpus inputs are dates: the corpus tests mostly rejection",
        cases.len()
    );
    assert_agreement(&cases, "corpus");
}

#[test]
fn the_freecodecamp_checks_are_in_the_corpus() {
    let cases = corpus();
    for input in [
        "2016-12-25",
        "1451001600000",
        "05 October 2011, GMT",
        "this-is-not-a-date",
    ] {
        assert!(
            cases.iter().any(|c| c.input == input),
            "{input:?} is missing"
        );
    }
}
