// The claim page: scroll the article box (not the page) so the highlighted claim is in view.
(function () {
  "use strict";
  var mark = document.getElementById("claim");
  var box = mark && mark.closest(".cg-article");
  if (box) {
    box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  }
})();
