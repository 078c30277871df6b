/* The pipeline board: drag a card to another column to move the lead.
 *
 * Without this script every card still has a stage <select> and a Move button that post
 * the same form; with it, drops and the select post in the background and the card moves
 * without a page load. The server answers JSON when asked for it (Accept header).
 */
(function () {
  'use strict';

  function ready(fn) {
    if (document.readyState !== 'loading') fn();
    else document.addEventListener('DOMContentLoaded', fn);
  }

  ready(function () {
    var board = document.querySelector('[data-board]');
    if (!board) return;
    var status = document.querySelector('[data-board-status]');
    var csrfToken = board.getAttribute('data-csrf-token');
    var dragged = null;

    function announce(text, isError) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle('seutu-board-status--error', Boolean(isError));
    }

    function column(stage) {
      return board.querySelector('[data-board-column][data-stage="' + stage + '"]');
    }

    function updateCount(col, delta) {
      var counter = col && col.querySelector('[data-column-count]');
      if (counter) counter.textContent = String(parseInt(counter.textContent, 10) + delta);
    }

    function move(card, stage) {
      var from = card.closest('[data-board-column]');
      if (!from || from.getAttribute('data-stage') === stage) return Promise.resolve();
      var body = new FormData();
      body.append('stage', stage);
      if (stage === 'lost') {
        var reason = window.prompt(board.getAttribute('data-lost-prompt') || 'Lost reason');
        if (!reason) return Promise.resolve();
        body.append('lost_reason', reason);
      }
      card.setAttribute('aria-busy', 'true');
      return fetch(card.getAttribute('data-move-url'), {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': csrfToken, Accept: 'application/json' },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok && data.ok, data: data };
          });
        })
        .then(function (result) {
          card.removeAttribute('aria-busy');
          if (!result.ok) {
            announce(result.data.error || 'Error', true);
            return;
          }
          var to = column(result.data.stage);
          to.querySelector('[data-board-cards]').prepend(card);
          updateCount(from, -1);
          updateCount(to, 1);
          var select = card.querySelector('select[name="stage"]');
          if (select) select.value = result.data.stage;
          card.setAttribute('data-stage', result.data.stage);
          announce(result.data.message, false);
        })
        .catch(function () {
          card.removeAttribute('aria-busy');
          announce(board.getAttribute('data-error-text') || 'The lead could not be moved.', true);
        });
    }

    board.addEventListener('dragstart', function (event) {
      var card = event.target.closest && event.target.closest('[data-card][draggable="true"]');
      if (!card) return;
      dragged = card;
      card.classList.add('seutu-card--dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', card.getAttribute('data-lead'));
    });

    board.addEventListener('dragend', function () {
      if (dragged) dragged.classList.remove('seutu-card--dragging');
      board.querySelectorAll('.seutu-board__column--over').forEach(function (col) {
        col.classList.remove('seutu-board__column--over');
      });
      dragged = null;
    });

    board.addEventListener('dragover', function (event) {
      var col = event.target.closest && event.target.closest('[data-board-column]');
      if (!col || !dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      col.classList.add('seutu-board__column--over');
    });

    board.addEventListener('dragleave', function (event) {
      var col = event.target.closest && event.target.closest('[data-board-column]');
      if (col && !col.contains(event.relatedTarget)) col.classList.remove('seutu-board__column--over');
    });

    board.addEventListener('drop', function (event) {
      var col = event.target.closest && event.target.closest('[data-board-column]');
      if (!col || !dragged) return;
      event.preventDefault();
      col.classList.remove('seutu-board__column--over');
      move(dragged, col.getAttribute('data-stage'));
    });

    // The select and Move button: same request in the background, focus stays on the card.
    board.addEventListener('submit', function (event) {
      var form = event.target.closest('[data-move-form]');
      if (!form) return;
      event.preventDefault();
      var card = form.closest('[data-card]');
      var select = form.querySelector('select[name="stage"]');
      move(card, select.value).then(function () {
        if (select) select.focus();
      });
    });
  });
})();
