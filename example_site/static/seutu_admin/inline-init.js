/* Runs the Wagtail admin's initialisers that example_site/inline_scripts.py took out of inline
 * <script> elements (which our Content Security Policy refuses) and left as data blocks:
 *   <script type="application/json" data-seutu-init>{"call": "SnippetChooser", "args": [...]}</script>
 *
 * Loaded in the head, it watches the document, so each block runs as the parser reaches it
 * (before any later script, as the inline script did) and again whenever the admin inserts
 * HTML later: a new InlinePanel form, a dialog, a chooser modal. Only the names below can be
 * called, so a block someone else wrote can do nothing else.
 */
(function () {
    "use strict";

    var CONSTRUCTORS = [
        "Chooser", "PageChooser", "SnippetChooser", "ImageChooser", "DocumentChooser",
        "InlinePanel", "MultipleChooserPanel",
    ];
    var FUNCTIONS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
    var ACTIONS = {
        // wagtail-localize's translation editor reads these when it opens a chooser.
        setChooserUrls: function (urls) {
            if (typeof window.chooserUrls === "undefined") {
                window.chooserUrls = urls;
            }
        },
        // wagtail-localize's submit page: "select all" ticks every locale. Its block is in
        // the head, so the boxes exist only once the document is parsed.
        selectAllLocales: function () {
            whenParsed(function () {
                var selectAll = document.querySelector('[name="select_all"]');
                if (!selectAll) { return; }
                selectAll.addEventListener("change", function () {
                    document.querySelectorAll('[name="locales"]').forEach(function (box) {
                        box.checked = selectAll.checked;
                    });
                });
            });
        },
    };
    var done = new WeakSet();

    function whenParsed(fn) {
        if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", fn);
        } else {
            fn();
        }
    }

    function call(init) {
        if (CONSTRUCTORS.indexOf(init.call) >= 0) {
            return new window[init.call](...init.args);
        }
        if (FUNCTIONS.indexOf(init.call) >= 0) {
            return window[init.call](...init.args);
        }
        if (Object.prototype.hasOwnProperty.call(ACTIONS, init.call)) {
            return ACTIONS[init.call](...init.args);
        }
        throw new Error("not an allowed initialiser: " + init.call);
    }

    function run(block) {
        if (done.has(block) || !block.isConnected) { return; }
        done.add(block);
        try {
            call(JSON.parse(block.textContent));
        } catch (error) {
            // One broken widget must not stop the others, as with separate inline scripts.
            console.error("seutu inline-init:", error);
        }
    }

    function runWithin(node) {
        if (node.nodeType !== Node.ELEMENT_NODE) { return; }
        if (node.matches("script[data-seutu-init]")) {
            run(node);
        } else {
            node.querySelectorAll("script[data-seutu-init]").forEach(run);
        }
    }

    new MutationObserver(function (records) {
        records.forEach(function (record) {
            record.addedNodes.forEach(runWithin);
        });
    }).observe(document.documentElement, { childList: true, subtree: true });

    document.addEventListener("DOMContentLoaded", function () {
        runWithin(document.documentElement);
    });
}());
