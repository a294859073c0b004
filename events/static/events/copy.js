// Progressive enhancement for the subscribe page: a button that copies the feed address.
// Without JavaScript the address stays in a read-only field people can select and copy.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !navigator.clipboard) {
        return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
            function () {
                if (status) {
                    status.textContent = "Address copied.";
                }
            },
            function () {
                // The browser said no (permissions, policy): never fail silently.
                field.focus();
                field.select();
                if (status) {
                    status.textContent = "Could not copy. The address is selected: copy it with your keyboard or menu.";
                }
            }
        );
    });
});
