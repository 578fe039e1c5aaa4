//! `leadhit::mock` (feature `mock`) as a user meets it: `mock-user`, a crate whose tests use
//! the mock of the client generated from the end-to-end server's v1 maps, must pass every one
//! of them (success, -32000, -32601, -32602, batches through the client and raw, 403, a panic naming the
//! closest method).

use crate::support::v1_client;

/// How many tests `xtask/tests/mock-user/tests/mock.rs` has.
const USER_TESTS: usize = 8;

#[test]
fn a_users_tests_pass_against_the_mock() {
    let ws = v1_client::workspace();
    let run = ws.cargo(&["test", "--quiet", "-p", "mock-user"], &[]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the user's tests fail against the mock:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains(&format!("test result: ok. {USER_TESTS} passed")),
        "every test of the user's crate ran: {stdout}"
    );
}
