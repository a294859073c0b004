from email import message_from_bytes

from django.core import mail

from campaign.mail import ConsoleAndFileEmailBackend


def test_dev_mail_goes_to_the_console_and_one_file_per_message(settings, tmp_path, capsys):
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    backend = ConsoleAndFileEmailBackend()
    messages = [
        mail.EmailMessage("Your shift on Saturday", "See you at 10:00.", to=["sam@example.org"]),
        mail.EmailMessage("A second note", "Thank you.", to=["ali@example.org"]),
    ]

    assert backend.send_messages(messages) == 2

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    subjects = {message_from_bytes(f.read_bytes())["Subject"] for f in files}
    assert subjects == {"Your shift on Saturday", "A second note"}
    assert "Your shift on Saturday" in capsys.readouterr().out


def test_the_console_names_each_mail_in_one_line(settings, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TAPESTRY_MAIL_CONSOLE", raising=False)
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    body = "\n".join(f"Line {number}" for number in range(40))
    message = mail.EmailMessage("Your shift", body, to=["sam@example.org"])

    ConsoleAndFileEmailBackend().send_messages([message])

    [line] = capsys.readouterr().out.splitlines()
    [saved] = (tmp_path / "mail").glob("*.eml")
    assert line == f"Mail to sam@example.org: Your shift ({saved.name})"
