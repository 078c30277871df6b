/* Autocomplete for the search box: an ARIA 1.2 combobox with a listbox popup.
   The page works without it; this only adds suggestions while typing. */
(function () {
    "use strict";

    function debounce(fn, ms) {
        var timer;
        return function () {
            var args = arguments;
            clearTimeout(timer);
            timer = setTimeout(function () { fn.apply(null, args); }, ms);
        };
    }

    function setUp(form) {
        var input = form.querySelector("input[name=q]");
        var url = form.getAttribute("data-suggest-url");
        if (!input || !url) { return; }
        var language = form.getAttribute("data-language") || document.documentElement.lang || "fi";
        var listId = input.id + "-suggestions";
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "search__suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
        list.hidden = true;
        input.parentNode.appendChild(list);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        input.parentNode.appendChild(status);
        var active = -1;
        var latest = 0;

        function close() {
            list.hidden = true;
            list.innerHTML = "";
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function choose(option) {
            var kind = option.getAttribute("data-kind");
            var value = option.getAttribute("data-value");
            if (kind === "competence" || kind === "town") {
                // A competence or town becomes a filter, which is what the visitor meant.
                var hidden = document.createElement("input");
                hidden.type = "hidden";
                hidden.name = kind === "competence" ? "competence" : "town";
                hidden.value = value;
                form.appendChild(hidden);
                input.value = "";
            } else {
                input.value = option.getAttribute("data-text");
            }
            close();
            form.submit();
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            if (!options.length) { return; }
            active = (index + options.length) % options.length;
            for (var i = 0; i < options.length; i++) {
                options[i].setAttribute("aria-selected", i === active ? "true" : "false");
            }
            input.setAttribute("aria-activedescendant", options[active].id);
        }

        function render(suggestions) {
            list.innerHTML = "";
            active = -1;
            suggestions.forEach(function (s, i) {
                var li = document.createElement("li");
                li.id = listId + "-" + i;
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", "false");
                li.setAttribute("data-kind", s.kind);
                li.setAttribute("data-value", s.value);
                li.setAttribute("data-text", s.text);
                li.textContent = s.text;
                li.className = "search__suggestion search__suggestion--" + s.kind;
                li.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    choose(li);
                });
                list.appendChild(li);
            });
            var open = suggestions.length > 0;
            list.hidden = !open;
            input.setAttribute("aria-expanded", open ? "true" : "false");
            status.textContent = open ? suggestions.length + "" : "";
        }

        var fetchSuggestions = debounce(function (text) {
            var ticket = ++latest;
            fetch(url + "?q=" + encodeURIComponent(text) + "&lang=" + encodeURIComponent(language), {
                headers: { "Accept": "application/json" }
            }).then(function (response) {
                return response.ok ? response.json() : { suggestions: [] };
            }).then(function (data) {
                if (ticket === latest && input.value.trim() === text) { render(data.suggestions || []); }
            }).catch(function () { close(); });
        }, 150);

        input.addEventListener("input", function () {
            var text = input.value.trim();
            if (text.length < 2) { close(); return; }
            fetchSuggestions(text);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden) { return; }
            if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
            else if (event.key === "Escape") { close(); }
            else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                choose(list.querySelectorAll("[role=option]")[active]);
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 100); });

        // Ticking a facet applies it at once; the button stays for keyboard and no-script use.
        form.querySelectorAll(".facet input[type=checkbox]").forEach(function (box) {
            box.addEventListener("change", function () { form.submit(); });
        });
    }

    document.querySelectorAll("form[data-suggest-url]").forEach(setUp);
})();
