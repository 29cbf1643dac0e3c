/**
 * Our MJCF model of the quadruped of Gymnasium's Ant (after Schulman et al., "High-Dimensional
 * Continuous Control Using Generalized Advantage Estimation", 2016). Written from the published
 * parameters: 10 ms time step with RK4; a spherical torso of radius 0.25 m starting 0.75 m above
 * the ground on a free joint; four legs, each a fixed hip segment, an upper leg and a lower leg
 * (capsules of radius 0.08 m spanning 0.2, 0.2 and 0.4 m along both horizontal axes, i.e. the
 * diagonals), with a hip joint about the vertical within [-30°, 30°] and an ankle joint about the
 * horizontal axis across the leg within [30°, 70°] (front left, back right) or [-70°, -30°] (front
 * right, back left); geom density 5 kg/m³, friction (1, 0.5, 0.5), contact margin 0.01 m; joint
 * armature 1 and damping 1; eight motors with gear 150 and controls in [-1, 1], in Gymnasium's
 * order (back right hip and ankle, front left, front right, back left). Only the ground collides
 * with the body. Frames are local, angles in degrees.
 * @module
 */
interface LegSpec {
  readonly n: number;
  readonly body: string;
  readonly dx: number;
  readonly dy: number;
  readonly ankleAxis: string;
  readonly ankleRange: string;
}

const LEGS: readonly LegSpec[] = [
  { n: 1, body: 'front_left_leg', dx: 1, dy: 1, ankleAxis: '-1 1 0', ankleRange: '30 70' },
  { n: 2, body: 'front_right_leg', dx: -1, dy: 1, ankleAxis: '1 1 0', ankleRange: '-70 -30' },
  { n: 3, body: 'back_leg', dx: -1, dy: -1, ankleAxis: '-1 1 0', ankleRange: '-70 -30' },
  { n: 4, body: 'right_back_leg', dx: 1, dy: -1, ankleAxis: '1 1 0', ankleRange: '30 70' },
];

function leg({ n, body, dx, dy, ankleAxis, ankleRange }: LegSpec): string {
  const at = (len: number) => `${dx * len} ${dy * len} 0`;
  return `
      <body name="${body}" pos="0 0 0">
        <geom name="aux_${n}_geom" fromto="0 0 0 ${at(0.2)}"/>
        <body name="aux_${n}" pos="${at(0.2)}">
          <joint name="hip_${n}" type="hinge" axis="0 0 1" range="-30 30"/>
          <geom name="leg_${n}_geom" fromto="0 0 0 ${at(0.2)}"/>
          <body name="foot_${n}" pos="${at(0.2)}">
            <joint name="ankle_${n}" type="hinge" axis="${ankleAxis}" range="${ankleRange}"/>
            <geom name="ankle_${n}_geom" fromto="0 0 0 ${at(0.4)}"/>
          </body>
        </body>
      </body>`;
}

export const ANT_XML = `
<mujoco model="modelgym_ant">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option timestep="0.01" integrator="RK4"/>
  <default>
    <joint limited="true" armature="1" damping="1"/>
    <geom type="capsule" size="0.08" contype="1" conaffinity="0" condim="3" density="5.0"
          friction="1 0.5 0.5" margin="0.01"/>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="150"/>
  </default>
  <worldbody>
    <geom name="ground" type="plane" size="40 40 40" conaffinity="1"/>
    <body name="torso" pos="0 0 0.75">
      <joint name="root" type="free" limited="false" armature="0" damping="0" margin="0.01"/>
      <geom name="torso_geom" type="sphere" size="0.25"/>${LEGS.map(leg).join('')}
    </body>
  </worldbody>
  <actuator>
    <motor name="hip_4" joint="hip_4"/>
    <motor name="ankle_4" joint="ankle_4"/>
    <motor name="hip_1" joint="hip_1"/>
    <motor name="ankle_1" joint="ankle_1"/>
    <motor name="hip_2" joint="hip_2"/>
    <motor name="ankle_2" joint="ankle_2"/>
    <motor name="hip_3" joint="hip_3"/>
    <motor name="ankle_3" joint="ankle_3"/>
  </actuator>
</mujoco>
`;
