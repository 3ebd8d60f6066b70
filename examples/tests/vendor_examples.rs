//! The example programs of ConnectWise Asio, Kaseya VSA X and ConnectWise
//! Manage, run with `--sandbox` (their in-process fakes), and without
//! credentials (a configuration error naming the variables).

use std::process::Command;

/// The vendors' variables the programs read; cleared so the environment
/// cannot leak in.
const VARIABLES: &[&str] = &[
    "ASIO_CLIENT_ID",
    "ASIO_CLIENT_SECRET",
    "ASIO_REGION",
    "ASIO_BASE_URL",
    "ASIO_SCOPES",
    "VSAX_BASE_URL",
    "VSAX_TOKEN_ID",
    "VSAX_TOKEN_SECRET",
    "CWM_SITE",
    "CWM_COMPANY_ID",
    "CWM_PUBLIC_KEY",
    "CWM_PRIVATE_KEY",
    "CWM_CLIENT_ID",
];

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(program: &str, args: &[&str]) -> Run {
    let mut command = Command::new(program);
    for name in VARIABLES {
        command.env_remove(name);
    }
    let output = command.args(args).output().expect("the example runs");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

const ASIO: &str = env!("CARGO_BIN_EXE_asio_site_software");
const VSAX: &str = env!("CARGO_BIN_EXE_vsax_low_disk");
const CWM: &str = env!("CARGO_BIN_EXE_cwmanage_ticket");

#[test]
fn the_asio_example_lists_the_software_of_a_site() {
    let out = run(ASIO, &["--sandbox", "--company", "contoso"]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .starts_with("Contoso / Head Office: installed software"),
        "{}",
        out.stdout
    );
    // The fake's sites hold 4 devices each (two servers, two desktops here):
    // every device has 7-Zip, only the servers SQL Server, one desktop an old
    // Acrobat Reader.
    for line in [
        "7-Zip 23.01 (Igor Pavlov): 4 of 4 device(s)",
        "Microsoft SQL Server 2019 15.0.4345.5 (Microsoft Corporation): 2 of 4 device(s)",
        "Adobe Acrobat Reader DC 19.010.20069 (Adobe Systems Incorporated): 1 of 4 device(s)",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    assert!(
        out.stdout.contains("8 program(s) on 4 device(s)"),
        "{}",
        out.stdout
    );

    // By friendly name, another site.
    let out = run(
        ASIO,
        &["--sandbox", "--company", "FABRIKAM", "--site", "branch 2"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Fabrikam, Inc. / Branch 2:"),
        "{}",
        out.stdout
    );

    let out = run(ASIO, &["--sandbox", "--company", "Initech"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("no company matches \"Initech\""),
        "{}",
        out.stderr
    );
    let out = run(
        ASIO,
        &["--sandbox", "--company", "contoso", "--site", "Nowhere"],
    );
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("Head Office, Branch 1, Branch 2"),
        "{}",
        out.stderr
    );
    let out = run(ASIO, &["--company", "contoso"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("ASIO_CLIENT_ID"), "{}", out.stderr);
}

#[test]
fn the_vsax_example_lists_the_devices_low_on_disk_space() {
    let out = run(VSAX, &["--sandbox"]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("3 of 12 device(s) with less than 10% free on the system disk")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{}", out.stdout);
    // Lowest first, each with its organization.
    assert!(
        rows[0].contains("NORTHWIND-WKS-009") && rows[0].contains("Northwind Traders"),
        "{}",
        rows[0]
    );
    assert!(rows[0].ends_with("4.0% free"), "{}", rows[0]);
    assert!(rows[2].contains("CONTOSO-WKS-001"), "{}", rows[2]);

    let out = run(VSAX, &["--sandbox", "--below", "50"]);
    assert!(
        out.stdout.starts_with("6 of 12 device(s)"),
        "{}",
        out.stdout
    );
    let out = run(VSAX, &["--sandbox", "--below", "0"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("--below 0"), "{}", out.stderr);
    let out = run(VSAX, &[]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("VSAX_BASE_URL"), "{}", out.stderr);
}

#[test]
fn the_cwmanage_example_opens_a_ticket_on_the_default_board() {
    let out = run(
        CWM,
        &[
            "--sandbox",
            "--company",
            "contoso ltd",
            "--summary",
            "Disk almost full",
            "--note",
            "Checked remotely",
        ],
    );
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("\"Disk almost full\" opened for Contoso Ltd (#253) on the board Help Desk"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("internal note #"), "{}", out.stdout);

    // By identifier and by id; no note, nothing more.
    let out = run(
        CWM,
        &["--sandbox", "--company", "FABRIKAM", "--summary", "x"],
    );
    assert!(out.stdout.contains("Fabrikam Inc (#256)"), "{}", out.stdout);
    assert!(!out.stdout.contains("note"), "{}", out.stdout);
    let out = run(CWM, &["--sandbox", "--company", "259", "--summary", "x"]);
    assert!(
        out.stdout.contains("Northwind Traders (#259)"),
        "{}",
        out.stdout
    );

    let out = run(
        CWM,
        &["--sandbox", "--company", "Initech", "--summary", "x"],
    );
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("no company matches"), "{}", out.stderr);
    let out = run(CWM, &["--company", "x", "--summary", "y"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("CWM_SITE"), "{}", out.stderr);
    assert!(
        !out.stderr.contains(cwmanage_client::fake::PRIVATE_KEY),
        "{}",
        out.stderr
    );
}
