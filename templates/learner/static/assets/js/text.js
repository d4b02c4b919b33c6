/* text.js: every learner-facing string the runtime writes (Indonesian, addressing the learner as "Anda"). */
(function (CP) {
  "use strict";
  CP.text = {
    page: "Halaman {n} dari {total}",
    visited: "(sudah dibuka)",
    right: "Jawaban Anda tepat.",
    wrong: "Jawaban Anda belum tepat.",
    wrongMultiple: " Pada soal ini, semua pilihan yang tepat harus dipilih, dan tidak ada yang lain.",
    picked: "Pilihan Anda:",
    yours: "Pilihan Anda",
    pickFirst: "Pilih jawaban terlebih dahulu, lalu tekan \u201cPeriksa jawaban\u201d.",
    answered: "Sudah dijawab",
    quizDone: "Anda menjawab {c} dari {t} pertanyaan dengan tepat.",
    finalDone: "Semua pertanyaan penilaian akhir sudah dijawab.",
    seeResults: "Lihat hasil",
    resultsProgress: "Anda sudah menjawab {a} dari {t} pertanyaan penilaian akhir.",
    passed: "Lulus",
    failed: "Belum lulus",
    learner: "Peserta: {name}",
    someone: "Peserta",
    nameMissing: "Tuliskan nama Anda terlebih dahulu.",
    found: "Ada kemajuan tersimpan untuk {name}: {v} dari {t} halaman sudah dibuka.",
    noStorage: "Peramban ini tidak mengizinkan penyimpanan. Kemajuan Anda hilang saat halaman ditutup.",
    noLms: "LMS tidak merespons. Kemajuan Anda hanya disimpan di peramban ini.",
    saveFail: "Kemajuan Anda belum tersimpan ke LMS. Jawaban Anda tetap aman di halaman ini; penyimpanan dicoba lagi otomatis. Jangan tutup halaman ini dulu.",
    saveFailLocal: "Kemajuan Anda belum dapat disimpan di peramban ini. Penyimpanan dicoba lagi otomatis.",
    saveOk: "Kemajuan Anda sudah tersimpan.",
    reflSaved: "Jawaban Anda tersimpan.",
    reflPending: "Jawaban Anda tersimpan di halaman ini dan sedang dikirim ulang.",
    chars: "{n} dari {max} karakter"
  };
  /** Fills {name} placeholders of a string from an object. */
  CP.fmt = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => String(o[k]));
})(window.CoursePack = window.CoursePack || {});
