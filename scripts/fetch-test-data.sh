#!/usr/bin/env bash
# Fetches the real datasets the tests and examples use into .cache/data (or $VIGIL_DATA_CACHE),
# from Debian's packages (apt-get download + dpkg -x, never installed), verifying SHA-256.
# Re-runnable: files already present with the right checksum are kept.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${VIGIL_DATA_CACHE:-$ROOT/.cache/data}"
mkdir -p "$CACHE"

# name|debian package|path inside the package|sha256
# Photos: Grace Hopper (public domain), the astronaut (public domain), kphotoalbum's demo photos and
# webcam clip (GPL-2+: fetched, never committed).
FILES=(
  "fashion-mnist/train-images-idx3-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz|b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"
  "fashion-mnist/train-labels-idx1-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz|0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"
  "fashion-mnist/t10k-images-idx3-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz|cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"
  "fashion-mnist/t10k-labels-idx1-ubyte.gz|dataset-fashion-mnist|usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz|8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"
  "photos/grace_hopper_512x512.jpg|facedetect|usr/share/doc/facedetect/examples/grace_hopper_512x512.jpg|ee9d775343587100337da3bd24f9f9daf49756132362f09ca3ac9b676c4341b3"
  "photos/astronaut.png|python3-skimage|usr/lib/python3/dist-packages/skimage/data/astronaut.png|88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"
  "video/kphotoalbum_movie.avi|kphotoalbum|usr/share/kphotoalbum/demo/movie.avi|4f5fb4ee2319d3bcb9f0fb46f73cb02e5b271e204e078302e50cb30b4e36960b"
  "photos/kphotoalbum/anne_helene.jpg|kphotoalbum|usr/share/kphotoalbum/demo/anne_helene.jpg|75dea938bf86530e95c6b74dbcc7fb447947fd17d523121634e08f03e0e7304f"
  "photos/kphotoalbum/bar55.jpg|kphotoalbum|usr/share/kphotoalbum/demo/bar55.jpg|dd57f8a93ea84b46d817d3b10d496360b81588da9ea887887d057803cc39c52d"
  "photos/kphotoalbum/bar55_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/bar55_2.jpg|e2a3ebc63306abf0a3ae898edd69fbc0a5cef16f28450ceb1d32c67c6f7b662a"
  "photos/kphotoalbum/blackie.jpg|kphotoalbum|usr/share/kphotoalbum/demo/blackie.jpg|5a72fc60a65448e02e8022820ed5bc15d3e9ce4c92d55d51a7d760357cf704e7"
  "photos/kphotoalbum/cold_water.jpg|kphotoalbum|usr/share/kphotoalbum/demo/cold_water.jpg|1c92d774263012891803360080a03999ffdb4fb643f320d9c106b5a3cbb21306"
  "photos/kphotoalbum/donna.jpg|kphotoalbum|usr/share/kphotoalbum/demo/donna.jpg|c98f91990752bb6dff72bd8bb2820dc28317051c0e60ddf11822a39f076c31da"
  "photos/kphotoalbum/donna_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/donna_2.jpg|b476b81f11db406767598266f81cb8623204c8207f297e4abcf2055366794b5f"
  "photos/kphotoalbum/grand_canyon_1.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_1.jpg|5d60136f1143918c30d5ddf8892216fc401ea126ed01afe1d8b9374cfae43669"
  "photos/kphotoalbum/grand_canyon_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_2.jpg|7814adbefb9665f506acf5123981c83bb5b22dde12b10ef57083d328a86cbdb6"
  "photos/kphotoalbum/grand_canyon_3.jpg|kphotoalbum|usr/share/kphotoalbum/demo/grand_canyon_3.jpg|923ba3a8d16993388f19686d333d70988f7baf4885865af1729f80bbbd02ffe7"
  "photos/kphotoalbum/jesper.jpg|kphotoalbum|usr/share/kphotoalbum/demo/jesper.jpg|5b3b5a6cdf040c238c137fd50d3f4e3aa3f6877b6f031c93ad9b06c45225b7e6"
  "photos/kphotoalbum/jesper_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/jesper_2.jpg|e7c5112cad4076c0b16f7a822b0bf559859ad84077705442769afb91c81bcb1b"
  "photos/kphotoalbum/new_wave_1.jpg|kphotoalbum|usr/share/kphotoalbum/demo/new_wave_1.jpg|dd422c963594e0441ab66c600a322a0b7259dc4b9db535c9a30010b66ce14200"
  "photos/kphotoalbum/new_wave_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/new_wave_2.jpg|a262d1ec436c0f41495963cbaaf69cb618da0b56a27fa03c0c1e3206e841a261"
  "photos/kphotoalbum/pool.jpg|kphotoalbum|usr/share/kphotoalbum/demo/pool.jpg|c6b1c79236388d3a7608ce1b8702a613f3d62105e36dfebc1fce4efe16e42560"
  "photos/kphotoalbum/pool_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/pool_2.jpg|82f0e4ec1906a55bd25050bbbc91f4af9607c10d38535cc3dbd55522a00a132f"
  "photos/kphotoalbum/qt-logo.jpg|kphotoalbum|usr/share/kphotoalbum/demo/qt-logo.jpg|12f4d580dff54dab5a4b0c81f4f208cdb1d134782c7b23d2f8c8bab09a80d458"
  "photos/kphotoalbum/skagen.jpg|kphotoalbum|usr/share/kphotoalbum/demo/skagen.jpg|d7c724e47d68b9f9483b14a9a21235c2ba6c9b3bffd1be49a344391e4c189760"
  "photos/kphotoalbum/skagen_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/skagen_2.jpg|17ca43c9fb3b60ad27c63e3a418bff2090999e96bd7a9c7f2c46fb58de899a72"
  "photos/kphotoalbum/snow.jpg|kphotoalbum|usr/share/kphotoalbum/demo/snow.jpg|7106574608681e7e3387bdc299663cbce521099e9fbff611decf227ee19e7780"
  "photos/kphotoalbum/spiff.jpg|kphotoalbum|usr/share/kphotoalbum/demo/spiff.jpg|4d222fe255566ab7249db968d28aeed2c1ef5508ea79da870d7a5c5cfa290f78"
  "photos/kphotoalbum/spiff_2.jpg|kphotoalbum|usr/share/kphotoalbum/demo/spiff_2.jpg|9bbab84f204329e1def8c39dda58706aaccb4a913ced00c2593b299a971d2a53"
  "photos/kphotoalbum/sunset.jpg|kphotoalbum|usr/share/kphotoalbum/demo/sunset.jpg|da4a44a03272bbaabc9aa384137f2531fe2a7c0075bc761be001c7b4d2eeb4ee"
  "photos/kphotoalbum/wayne.jpg|kphotoalbum|usr/share/kphotoalbum/demo/wayne.jpg|1e5e3880f65a857181ec98b9fb686e1ebfd03fc6808f002d83aefe758eacece1"
  # ONNX's own operator conformance cases (Apache-2.0, libonnx-testdata 1.12.0) for the int8 kernels:
  # QuantizeLinear, DequantizeLinear, QLinearConv, QLinearMatMul (model.onnx + test_data_set_0).
  "onnx/node/test_quantizelinear/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear/model.onnx|bf948d9ee691a32f59397a6a26c3be5ddb8ff50abbc7e037982413d7944afaab"
  "onnx/node/test_quantizelinear/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear/test_data_set_0/input_0.pb|f967545ad1371aae9740244eeb23a84d472c694328fa012fa964fc07f4366b1f"
  "onnx/node/test_quantizelinear/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear/test_data_set_0/input_1.pb|66fec2c9d22659a967bdb692e551d0eb34d7bce502a215329bf0a55080e22c9e"
  "onnx/node/test_quantizelinear/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear/test_data_set_0/input_2.pb|c0f11572111fb77d63311d342cbf66d8c70e682d566258838632d69b7e14db20"
  "onnx/node/test_quantizelinear/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear/test_data_set_0/output_0.pb|b4a3e1b1e83ebbda0d5c2395ab3dc661b9a847ba12684b4a0b4639282e2dc6eb"
  "onnx/node/test_quantizelinear_axis/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear_axis/model.onnx|b27b028d6f9e73f279c37dc63486f071035279a57a5303887a4826edb8985288"
  "onnx/node/test_quantizelinear_axis/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear_axis/test_data_set_0/input_0.pb|94e32ae5e296bd79985176628f39d86464bc64fed019c2d439080ec0e734d331"
  "onnx/node/test_quantizelinear_axis/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear_axis/test_data_set_0/input_1.pb|df6648a1c6179538776d339f33587f5d9b37fc40e94c05c88af03a9631608730"
  "onnx/node/test_quantizelinear_axis/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear_axis/test_data_set_0/input_2.pb|366d88920b8e419dd485190b508b3760ccea106decb209b450a0c1d5bbc128a9"
  "onnx/node/test_quantizelinear_axis/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_quantizelinear_axis/test_data_set_0/output_0.pb|a9425e40308a8f345e8e711f13a802d7b083b950ea03aab930cd45e79e5a1550"
  "onnx/node/test_dequantizelinear/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear/model.onnx|d7a7d77f685f0262cc5e7865ac0bf8c00a027155e17a01e39ad768fa3b9f89df"
  "onnx/node/test_dequantizelinear/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear/test_data_set_0/input_0.pb|126cac576c3a7bd0388248a41718dffa1e4310313ec4bcdea0dee861e090134e"
  "onnx/node/test_dequantizelinear/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear/test_data_set_0/input_1.pb|a8dede802a16dd38b1f102a73314f6e376e528bf96aa48ca8ac50b2a971d05d6"
  "onnx/node/test_dequantizelinear/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear/test_data_set_0/input_2.pb|9459c0064ddbd763c077ec3a2c0847d5a4012788c4ec65631de4faac194b3c74"
  "onnx/node/test_dequantizelinear/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear/test_data_set_0/output_0.pb|3d8fd993908e1d312e75d329c858ca1c593913abb8c504045cc8805369077ddf"
  "onnx/node/test_dequantizelinear_axis/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear_axis/model.onnx|bccce2e2a8e56d1209b1b8e18554051649a97002d7cdf533ba13e75887df0d61"
  "onnx/node/test_dequantizelinear_axis/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear_axis/test_data_set_0/input_0.pb|1757253c0da30e2449bc89093ab556e3eb96acc09eddc8b7e84469a7059e16bd"
  "onnx/node/test_dequantizelinear_axis/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear_axis/test_data_set_0/input_1.pb|f35e77577aa5396621626b1b714a95488e1464a50c1400bd88e36d556aeeb832"
  "onnx/node/test_dequantizelinear_axis/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear_axis/test_data_set_0/input_2.pb|017f60b58d181a0e267b0786d3e80162ef1f6d940c6858fee1e3c3d00544db75"
  "onnx/node/test_dequantizelinear_axis/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_dequantizelinear_axis/test_data_set_0/output_0.pb|7254f23cf0f70a2cc3456a4adc42b0d4fb0ea1b82e7b5247cca98532555ff170"
  "onnx/node/test_qlinearconv/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/model.onnx|6ea0eb350703bf7430e036c0d9aebeb935ad90b94fc569b54a4f4425ad2e38a9"
  "onnx/node/test_qlinearconv/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_0.pb|9e2c4d464c8637f2a0564595e717854b05b63fd83930604e7be7e0079816ef8e"
  "onnx/node/test_qlinearconv/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_1.pb|6bd0cc15769eb9800e8bf147c256f8483144aa9c61fe0c07ac7d3ab5dd218d0d"
  "onnx/node/test_qlinearconv/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_2.pb|69f294a264e0ccfa65b4a5707e238510f48e7b31ba9ed46fa96f5e9e875d8c90"
  "onnx/node/test_qlinearconv/test_data_set_0/input_3.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_3.pb|603940e8167d088185c0a97d21f5c4eefc47da02a921fb4a4e1112304b441e02"
  "onnx/node/test_qlinearconv/test_data_set_0/input_4.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_4.pb|91d1f3f010e0a2f31745d155f8e68ae73dfa6db696193dfe648d21eaac36ba1d"
  "onnx/node/test_qlinearconv/test_data_set_0/input_5.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_5.pb|09085cee5e187522e27bd2f7b0617e78b1372992317b09531539af3a6651ca6d"
  "onnx/node/test_qlinearconv/test_data_set_0/input_6.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_6.pb|4f86dbb4e46a9cb0e0a1788995a390d82f916f0aa9da743fb7854de916dcf386"
  "onnx/node/test_qlinearconv/test_data_set_0/input_7.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/input_7.pb|aab5bd240e367489565382d2c4d404655c7a92d17e2808467f8818832fb86d7e"
  "onnx/node/test_qlinearconv/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearconv/test_data_set_0/output_0.pb|7d78d91c9b8b1d1b724c9223e3a88c07a03edf63805c78b111dcf939667bb741"
  "onnx/node/test_qlinearmatmul_2D/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/model.onnx|cb893bd91d995de7d4f548c8bcbd118501790f781b6372eb56378237032b0939"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_0.pb|928f597e101c1a9e3565c974460c0703b501fba22a91cd21a979d5891edcfb63"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_1.pb|695b311e4b06414f4909fe6088fd48e47a58d5feb9f56d00d32d3db39a174d54"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_2.pb|a4f2cf6d08aad4e360cb5eb8fcc1c19c93389c7e44fed65b728155e6c3ce6146"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_3.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_3.pb|a08bc6dcf563cf641e402ccdcc8f68f5eaeb46c30c3692f20aa54f35f95c1c06"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_4.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_4.pb|f97ce64abd688bb38ffe3ccab7923c75de198875cb7e0b6d0d51c6f61d3602c7"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_5.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_5.pb|09b0d5dd8b37d43d2161990b3219d88ea0364c2b05a22001e8eb2bf015ce95e8"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_6.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_6.pb|7fd7c61719093216c50772616b875c5f69d3074a487257f1ae2e6d5d8a596707"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/input_7.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/input_7.pb|0137644e408b2bd36a5bed1cb4b3f40723a30bd1c315fe8fdf0fdf0154218907"
  "onnx/node/test_qlinearmatmul_2D/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_2D/test_data_set_0/output_0.pb|15b6f7abcefaaae6d44252bcf1814abfb9420caae9d29000e7275d1caa1da2a7"
  "onnx/node/test_qlinearmatmul_3D/model.onnx|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/model.onnx|0ad8d276f55a2e94dc7eeb57cfb04ea31e0043f4a9eb606b825d5919db437851"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_0.pb|83983f81c0341a5b4e135fe51736954ae6bb30161ef7c36551fa6565ac8c26d3"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_1.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_1.pb|695b311e4b06414f4909fe6088fd48e47a58d5feb9f56d00d32d3db39a174d54"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_2.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_2.pb|a4f2cf6d08aad4e360cb5eb8fcc1c19c93389c7e44fed65b728155e6c3ce6146"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_3.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_3.pb|691a02484357eb28c78cb9269b9bd715b069a3d11b786a3d47113de063c91d74"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_4.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_4.pb|f97ce64abd688bb38ffe3ccab7923c75de198875cb7e0b6d0d51c6f61d3602c7"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_5.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_5.pb|09b0d5dd8b37d43d2161990b3219d88ea0364c2b05a22001e8eb2bf015ce95e8"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_6.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_6.pb|7fd7c61719093216c50772616b875c5f69d3074a487257f1ae2e6d5d8a596707"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/input_7.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/input_7.pb|0137644e408b2bd36a5bed1cb4b3f40723a30bd1c315fe8fdf0fdf0154218907"
  "onnx/node/test_qlinearmatmul_3D/test_data_set_0/output_0.pb|libonnx-testdata|usr/share/libonnx-testdata/data/node/test_qlinearmatmul_3D/test_data_set_0/output_0.pb|aef5385024da5616e17e736fd60976a0291441b94b0d991b038b91952cb42ded"
)

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

download_package() {
  local pkg="$1" dir="$CACHE/.debs"
  mkdir -p "$dir"
  if ! ls "$dir/${pkg}"_*.deb >/dev/null 2>&1; then
    if ! (cd "$dir" && apt-get download "$pkg" >/dev/null 2>&1); then
      echo "fetch-test-data: apt-get download $pkg failed; updating the package lists once" >&2
      if [ "$(id -u)" = 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
      (cd "$dir" && apt-get download "$pkg")
    fi
  fi
  rm -rf "$dir/$pkg.x" && mkdir -p "$dir/$pkg.x"
  dpkg -x "$dir/${pkg}"_*.deb "$dir/$pkg.x"
}

for entry in "${FILES[@]}"; do
  IFS='|' read -r name pkg inner sha <<<"$entry"
  target="$CACHE/$name"
  if sha_ok "$target" "$sha"; then
    continue
  fi
  if [ ! -f "$CACHE/.debs/$pkg.x/$inner" ]; then
    download_package "$pkg"
  fi
  mkdir -p "$(dirname "$target")"
  cp "$CACHE/.debs/$pkg.x/$inner" "$target.tmp"
  if ! sha_ok "$target.tmp" "$sha"; then
    echo "fetch-test-data: checksum mismatch for $name from $pkg (expected $sha)" >&2
    rm -f "$target.tmp"
    exit 1
  fi
  mv "$target.tmp" "$target"
  echo "fetch-test-data: $name ok"
done
rm -rf "$CACHE/.debs"/*.x

# npm packages (npm pack + tar xzf, nothing installed): face-api 1.7.15's TF.js models (MIT), the
# tiny face detector and both 68-point landmark nets, and its six demo photos (group shots).
# name|npm package@version|path inside the package|sha256
NPM_FILES=(
  "face-api/tiny_face_detector_model-weights_manifest.json|@vladmandic/face-api@1.7.15|package/model/tiny_face_detector_model-weights_manifest.json|5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5"
  "face-api/tiny_face_detector_model.bin|@vladmandic/face-api@1.7.15|package/model/tiny_face_detector_model.bin|b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871"
  "face-api/face_landmark_68_model-weights_manifest.json|@vladmandic/face-api@1.7.15|package/model/face_landmark_68_model-weights_manifest.json|ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9"
  "face-api/face_landmark_68_model.bin|@vladmandic/face-api@1.7.15|package/model/face_landmark_68_model.bin|4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b"
  "face-api/face_landmark_68_tiny_model-weights_manifest.json|@vladmandic/face-api@1.7.15|package/model/face_landmark_68_tiny_model-weights_manifest.json|9a1a5dd19fd814fd5095c3cb58f8e0d3193b8c5b9a6715b30a69d559aea31ad4"
  "face-api/face_landmark_68_tiny_model.bin|@vladmandic/face-api@1.7.15|package/model/face_landmark_68_tiny_model.bin|b98e9f2f7da76f8a6dda9741a36ed485b224b889d552de2b2c1bb16217f67bfc"
  "face-api/sample1.jpg|@vladmandic/face-api@1.7.15|package/demo/sample1.jpg|8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51"
  "face-api/sample2.jpg|@vladmandic/face-api@1.7.15|package/demo/sample2.jpg|7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691"
  "face-api/sample3.jpg|@vladmandic/face-api@1.7.15|package/demo/sample3.jpg|8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936"
  "face-api/sample4.jpg|@vladmandic/face-api@1.7.15|package/demo/sample4.jpg|729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc"
  "face-api/sample5.jpg|@vladmandic/face-api@1.7.15|package/demo/sample5.jpg|6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938"
  "face-api/sample6.jpg|@vladmandic/face-api@1.7.15|package/demo/sample6.jpg|9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87"
)

for entry in "${NPM_FILES[@]}"; do
  IFS='|' read -r name pkg inner sha <<<"$entry"
  target="$CACHE/$name"
  if sha_ok "$target" "$sha"; then
    continue
  fi
  dir="$CACHE/.npm/${pkg//[@\/]/_}"
  if [ ! -f "$dir/$inner" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz)
  fi
  mkdir -p "$(dirname "$target")"
  cp "$dir/$inner" "$target.tmp"
  if ! sha_ok "$target.tmp" "$sha"; then
    echo "fetch-test-data: checksum mismatch for $name from $pkg (expected $sha)" >&2
    rm -f "$target.tmp"
    exit 1
  fi
  mv "$target.tmp" "$target"
  echo "fetch-test-data: $name ok"
done
rm -rf "$CACHE/.npm"
echo "fetch-test-data: all files present in $CACHE"
