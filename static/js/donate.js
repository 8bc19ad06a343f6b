/* The donation form, enhanced: the impact line, the fee and the submit button follow the chosen amount, and a one-off
   donor gets one offer to give monthly before paying. Without this script the form works as plain HTML (the server
   shows the offer as a step of its own). */
(function () {
    "use strict";
    var form = document.querySelector("[data-donate-form]");
    if (!form) { return; }
    var data = form.dataset;
    var english = (document.documentElement.lang || "nl").indexOf("en") === 0;
    var money = new Intl.NumberFormat(english ? "en-GB" : "nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
    var wholeMoney = new Intl.NumberFormat(english ? "en-GB" : "nl-NL", { style: "currency", currency: "EUR", minimumFractionDigits: 0, maximumFractionDigits: 0 });
    var other = form.querySelector("input[name=other_amount]");
    var offerField = form.querySelector("input[name=monthly_offer]");
    var submit = form.querySelector("[data-submit-label]");
    var feeText = form.querySelector("[data-fee-line-text]");
    var coverFees = form.querySelector("input[name=cover_fees]");
    var impact = form.querySelector("[data-impact-lines]");
    var dialog = form.querySelector("[data-monthly-offer]");
    var offerDismissed = false;

    function euro(cents) { return (cents % 100 ? money : wholeMoney).format(cents / 100); }
    function fill(template, values) {
        return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
    }

    // The same reading of an amount as the server's (core.money.parse_euro_amount): 25, 25,50, 1.250 or 1,250 (English).
    function parseEuro(text) {
        var cleaned = text.replace(/[€\s\u00a0]/g, "");
        if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(cleaned)) {
            cleaned = cleaned.replace(/\./g, "");
        } else if (english && /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(cleaned)) {
            cleaned = cleaned.replace(/,/g, "");
        } else if (!/^\d{1,9}([.,]\d{1,2})?$/.test(cleaned)) {
            return null;
        }
        var parts = cleaned.replace(",", ".").split(".");
        return parseInt(parts[0], 10) * 100 + parseInt(((parts[1] || "0") + "00").slice(0, 2), 10);
    }

    function chosenAmount() {
        var checked = form.querySelector("input[name=amount_choice]:checked");
        if (!checked) { return null; }
        var cents = checked.value === "other" ? parseEuro(other.value) : parseInt(checked.value, 10);
        if (cents === null || isNaN(cents) || cents < +data.minCents || cents > +data.maxCents) { return null; }
        return cents;
    }
    function frequency() {
        var checked = form.querySelector("input[name=frequency]:checked");
        return checked ? checked.value : "once";
    }
    // donations/fees.py fee_for: the percentage rounded up, plus the fixed part.
    function feeFor(cents) { return Math.ceil(cents * +data.feeBasisPoints / 10000) + +data.feeFixedCents; }
    // donations/monthly_offer.py monthly_offer_cents: the campaign's share, to whole euros, at least the minimum.
    function offerFor(cents) {
        var percent = +data.offerPercent, minimum = +data.offerMinimumCents;
        if (!percent || cents < minimum) { return null; }
        var euros = Math.floor((cents * percent + 5000) / 10000);
        return Math.min(Math.max(euros * 100, minimum), +data.maxCents);
    }

    function update() {
        var cents = chosenAmount();
        if (impact) {
            var shown = null;
            impact.querySelectorAll("li").forEach(function (line) {
                if (cents !== null && +line.dataset.amount <= cents && (!shown || +line.dataset.amount > +shown.dataset.amount)) { shown = line; }
            });
            impact.querySelectorAll("li").forEach(function (line) { line.hidden = line !== shown; });
            impact.hidden = !shown;
        }
        if (cents === null) {
            submit.textContent = data.labelPlain;
            return;
        }
        var fee = feeFor(cents);
        if (feeText) { feeText.textContent = fill(data.feeLine, { fee: euro(fee), amount: euro(cents) }); }
        var total = cents + (coverFees && coverFees.checked ? fee : 0);
        var label = { monthly: data.labelMonthly, yearly: data.labelYearly }[frequency()] || data.labelOnce;
        submit.textContent = fill(label, { amount: euro(total) });
    }

    function choose(selector, value) {
        var radio = form.querySelector(selector + '[value="' + value + '"]');
        if (radio) { radio.checked = true; }
    }

    function answerOffer(answer, offer) {
        offerField.value = answer;
        if (answer === "accepted") {
            choose("input[name=amount_choice]", "other");
            other.value = euro(offer).replace(/[€\s\u00a0]/g, "");
            choose("input[name=frequency]", "monthly");
            update();
        }
        dialog.close();
        form.submit();
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    // Typing an amount chooses "Ander bedrag"; only passing through the field with Tab does not.
    other.addEventListener("input", function () {
        if (other.value) { choose("input[name=amount_choice]", "other"); }
        update();
    });

    form.addEventListener("submit", function (event) {
        var cents = chosenAmount();
        var offer = cents === null ? null : offerFor(cents);
        if (!dialog || typeof dialog.showModal !== "function" || offerField.value || frequency() !== "once" || offer === null) { return; }
        if (offerDismissed) { offerField.value = "declined"; return; }
        if (!form.checkValidity()) { return; }  // the server lists what is missing; the offer comes with the next try
        event.preventDefault();
        dialog.querySelector("[data-offer-title]").textContent = fill(dialog.dataset.title, { amount: euro(offer) });
        var buttons = dialog.querySelectorAll("[data-offer-answer]");
        buttons[0].textContent = fill(dialog.dataset.accept, { amount: euro(offer) });
        buttons[1].textContent = fill(dialog.dataset.decline, { amount: euro(cents) });
        buttons.forEach(function (button) {
            button.onclick = function () { answerOffer(button.value, offer); };
        });
        dialog.showModal();
    });
    if (dialog) {
        // Escape closes the offer and leaves the form as it was; the offer is not made again for this gift.
        dialog.addEventListener("cancel", function () { offerDismissed = true; });
    }
    update();
}());
